// Copyright 2026 The pith Authors.

#include "lib/io/output_target.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "pith/io.h"

namespace pith {
namespace internal {
namespace {

// Symlinks followed at most, as the kernel does (MAXSYMLINKS).
constexpr int kMaxLinks = 40;

// "path" with repeated slashes and "." components removed (".." is left
// alone: it depends on symlinks).
std::string Tidy(absl::string_view path) {
  std::string out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      if (out.empty() || out.back() != '/') out.push_back('/');
      ++i;
      continue;
    }
    const size_t end = std::min(path.find('/', i), path.size());
    const absl::string_view part = path.substr(i, end - i);
    if (part != ".") out.append(part.data(), part.size());
    i = end;
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// The directory part of "path", with its slash ("" for a bare name).
std::string DirName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

// "path" with its directory made absolute and free of symlinks, "." and
// "..", when that directory exists; else "path" tidied.
std::string Canonical(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir =
      slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const std::string base =
      slash == std::string::npos ? path : path.substr(slash + 1);
  char* resolved = realpath(dir.c_str(), nullptr);
  if (resolved == nullptr) return Tidy(path);
  std::string out = resolved;
  free(resolved);
  if (out != "/") out.push_back('/');
  return out + base;
}

// Identity of an output for SameOutputFile().
struct Identity {
  OutputTarget target;
  bool exists = false;  // "st" is valid.
  struct stat st;
};

Identity Identify(const std::string& path) {
  Identity id;
  id.target = ResolveOutputTarget(path);
  if (id.target.kind == OutputTarget::Kind::kDescriptor) {
    id.exists = fstat(id.target.fd, &id.st) == 0;
  } else {
    id.exists = stat(id.target.file.c_str(), &id.st) == 0;
  }
  return id;
}

}  // namespace

int DescriptorNamed(absl::string_view raw_path) {
  const std::string path = Tidy(raw_path);
  if (path == "/dev/stdin") return 0;
  if (path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  const std::string own = absl::StrCat("/proc/", getpid(), "/fd/");
  for (absl::string_view prefix :
       {absl::string_view("/dev/fd/"), absl::string_view("/proc/self/fd/"),
        absl::string_view("/proc/thread-self/fd/"), absl::string_view(own)}) {
    if (!absl::StartsWith(path, prefix)) continue;
    const absl::string_view digits =
        absl::string_view(path).substr(prefix.size());
    int fd = -1;
    if (!digits.empty() &&
        digits.find_first_not_of("0123456789") == absl::string_view::npos &&
        absl::SimpleAtoi(digits, &fd) && fd >= 0) {
      return fd;
    }
  }
  return -1;
}

OutputTarget ResolveOutputTarget(const std::string& path) {
  OutputTarget t;
  if (path == "-") {
    t.kind = OutputTarget::Kind::kDescriptor;
    t.fd = 1;
    return t;
  }
  std::string p = path;
  for (int hops = 0; hops <= kMaxLinks; ++hops) {
    const int fd = DescriptorNamed(p);
    if (fd >= 0) {
      t.kind = OutputTarget::Kind::kDescriptor;
      t.fd = fd;
      return t;
    }
    struct stat st;
    if (lstat(p.c_str(), &st) != 0) break;  // Not there (yet): replace.
    if (!S_ISLNK(st.st_mode)) {
      t.kind = S_ISREG(st.st_mode) ? OutputTarget::Kind::kReplace
                                   : OutputTarget::Kind::kInPlace;
      break;
    }
    std::vector<char> buf(PATH_MAX + 1);
    const ssize_t n = readlink(p.c_str(), buf.data(), buf.size() - 1);
    if (n < 0) break;
    const std::string link(buf.data(), static_cast<size_t>(n));
    p = !link.empty() && link[0] == '/' ? link : DirName(p) + link;
  }
  t.file = p;
  return t;
}

}  // namespace internal

bool SameOutputFile(const std::string& a, const std::string& b) {
  using Kind = internal::OutputTarget::Kind;
  const internal::Identity x = internal::Identify(a);
  const internal::Identity y = internal::Identify(b);
  const bool x_fd = x.target.kind == Kind::kDescriptor;
  const bool y_fd = y.target.kind == Kind::kDescriptor;
  if (x_fd && y_fd) return x.target.fd == y.target.fd;
  if (!x_fd && !y_fd && x.target.kind == Kind::kReplace &&
      y.target.kind == Kind::kReplace &&
      internal::Canonical(x.target.file) ==
          internal::Canonical(y.target.file)) {
    return true;
  }
  // The same existing file under two names (hard links, a descriptor
  // redirected to a file that is also named), unless it is a character
  // device such as /dev/null that any number of writers may share.
  return x.exists && y.exists && x.st.st_dev == y.st.st_dev &&
         x.st.st_ino == y.st.st_ino && !S_ISCHR(x.st.st_mode);
}

}  // namespace pith
