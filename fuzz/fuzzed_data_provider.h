// Copyright 2026 The pith Authors.
//
// Includes clang's <fuzzer/FuzzedDataProvider.h> when the compiler has it
// (clang ships it in its resource directory, e.g.
// /usr/lib/llvm-14/lib/clang/14.0.6/include/fuzzer/). GCC does not, so the
// corpus-replay build gets this minimal stand-in with the same interface for
// the calls pith's fuzzers make, and the same byte consumption rules
// (integers from the end of the data, strings from the front, "\" + any
// other byte ends a random-length string), so a corpus file exercises the
// same path under both.

#ifndef PITH_FUZZ_FUZZED_DATA_PROVIDER_H_
#define PITH_FUZZ_FUZZED_DATA_PROVIDER_H_

#if __has_include(<fuzzer/FuzzedDataProvider.h>)
#include <fuzzer/FuzzedDataProvider.h>
#else

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

class FuzzedDataProvider {
 public:
  FuzzedDataProvider(const uint8_t* data, size_t size)
      : data_(data), remaining_(size) {}

  size_t remaining_bytes() const { return remaining_; }

  // An integer in [min, max], built from up to sizeof(T) bytes taken from the
  // end of the data; "min" when the data is exhausted.
  template <typename T>
  T ConsumeIntegralInRange(T min, T max) {
    static_assert(std::is_integral<T>::value, "integral type required");
    uint64_t range = static_cast<uint64_t>(max) - static_cast<uint64_t>(min);
    uint64_t result = 0;
    size_t offset = 0;
    while (offset < sizeof(T) * 8 && (range >> offset) > 0 && remaining_ > 0) {
      --remaining_;
      result = (result << 8) | data_[remaining_];
      offset += 8;
    }
    if (range != std::numeric_limits<uint64_t>::max()) {
      result = result % (range + 1);
    }
    return static_cast<T>(static_cast<uint64_t>(min) + result);
  }

  template <typename T>
  T ConsumeIntegral() {
    return ConsumeIntegralInRange(std::numeric_limits<T>::min(),
                                  std::numeric_limits<T>::max());
  }

  bool ConsumeBool() { return 1 & ConsumeIntegral<uint8_t>(); }

  // A value in [0, 1].
  template <typename T>
  T ConsumeProbability() {
    static_assert(std::is_floating_point<T>::value, "floating type required");
    return static_cast<T>(ConsumeIntegral<uint64_t>()) /
           static_cast<T>(std::numeric_limits<uint64_t>::max());
  }

  template <typename T, size_t N>
  T PickValueInArray(const T (&array)[N]) {
    return array[ConsumeIntegralInRange<size_t>(0, N - 1)];
  }

  // Up to "n" bytes from the front.
  std::string ConsumeBytesAsString(size_t n) {
    if (n > remaining_) n = remaining_;
    std::string s(reinterpret_cast<const char*>(data_), n);
    data_ += n;
    remaining_ -= n;
    return s;
  }

  // Bytes from the front up to a "\" followed by anything but "\" (both
  // consumed); "\\" stands for one "\". At most "max_length" bytes.
  std::string ConsumeRandomLengthString(size_t max_length) {
    std::string s;
    for (size_t i = 0; i < max_length && remaining_ != 0; ++i) {
      char c = static_cast<char>(data_[0]);
      ++data_;
      --remaining_;
      if (c == '\\' && remaining_ != 0) {
        char next = static_cast<char>(data_[0]);
        ++data_;
        --remaining_;
        if (next != '\\') break;
      }
      s.push_back(c);
    }
    return s;
  }

  std::string ConsumeRandomLengthString() {
    return ConsumeRandomLengthString(remaining_);
  }

  std::string ConsumeRemainingBytesAsString() {
    return ConsumeBytesAsString(remaining_);
  }

 private:
  const uint8_t* data_;
  size_t remaining_;
};

#endif  // __has_include(<fuzzer/FuzzedDataProvider.h>)
#endif  // PITH_FUZZ_FUZZED_DATA_PROVIDER_H_
