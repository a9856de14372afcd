// Copyright 2026 The pith Authors.
//
// JSONL reading and writing through pith/io.h.

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "pith/io.h"
#include "tests/file_test_util.h"

namespace pith {
namespace {

ReaderOptions JsonlOptions() {
  ReaderOptions o;
  o.format = DocumentFormat::kJsonl;
  return o;
}

// Reads every document of "data"; returns the reader's final status.
absl::Status ReadAll(const std::string& data, const ReaderOptions& options,
                     std::vector<Document>* docs,
                     ReaderStats* stats = nullptr) {
  absl::StatusOr<DocumentReader> r =
      DocumentReader::FromString(data, "in.jsonl", options);
  if (!r.ok()) return r.status();
  Document doc;
  while (r->Next(&doc)) docs->push_back(doc);
  if (stats != nullptr) *stats = r->stats();
  return r->status();
}

// Reads one document and expects success.
Document ReadOne(const std::string& line) {
  std::vector<Document> docs;
  absl::Status s = ReadAll(line, JsonlOptions(), &docs);
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(docs.size(), 1u);
  return docs.empty() ? Document() : docs[0];
}

absl::Status ReadError(const std::string& data) {
  std::vector<Document> docs;
  return ReadAll(data, JsonlOptions(), &docs);
}

std::string TempDir() { return testing_files::MakeTempDir("pith_jsonl"); }

using testing_files::ReadFile;

// Reads "data" and writes every document back with "edit" applied to its
// text (or unchanged if "edit" is null); returns the output.
template <typename Edit>
std::string Rewrite(const std::string& data, Edit edit) {
  const std::string path = TempDir() + "/out.jsonl";
  absl::StatusOr<OutputFile> out = OutputFile::Open(path, OutputOptions());
  EXPECT_TRUE(out.ok()) << out.status();
  DocumentWriter writer(&*out, DocumentFormat::kJsonl);
  std::vector<Document> docs;
  absl::Status s = ReadAll(data, JsonlOptions(), &docs);
  EXPECT_TRUE(s.ok()) << s;
  for (const Document& d : docs) {
    if constexpr (std::is_same_v<Edit, std::nullptr_t>) {
      s = writer.WriteUnchanged(d);
    } else {
      s = writer.Write(d, edit(d.text));
    }
    EXPECT_TRUE(s.ok()) << s;
  }
  s = out->Commit();
  EXPECT_TRUE(s.ok()) << s;
  return ReadFile(path);
}

TEST(JsonlTest, DecodesEverySimpleEscape) {
  Document d = ReadOne(R"({"text":"a\"b\\c\/d\be\ff\ng\rh\ti"})");
  EXPECT_EQ(d.text, "a\"b\\c/d\be\ff\ng\rh\ti");
}

TEST(JsonlTest, DecodesUnicodeEscapes) {
  Document d = ReadOne(R"({"text":"\u00e9\u4E2D\u0041\u0000z"})");
  EXPECT_EQ(d.text, std::string("\xC3\xA9\xE4\xB8\xAD"
                                "A\0z",
                                8));
}

TEST(JsonlTest, DecodesSurrogatePairs) {
  Document d = ReadOne(R"({"text":"x\ud83d\ude00y"})");
  EXPECT_EQ(d.text, "x\xF0\x9F\x98\x80y");
}

TEST(JsonlTest, LoneSurrogatesBecomeReplacementCharacters) {
  Document d = ReadOne(R"({"text":"\ud800x\udc00\ud83d\u0041"})");
  EXPECT_EQ(d.text,
            "\xEF\xBF\xBDx\xEF\xBF\xBD\xEF\xBF\xBD"
            "A");
}

TEST(JsonlTest, InvalidEscapesAreErrors) {
  for (const char* line :
       {R"({"text":"a\xb"})", R"({"text":"\u12"})", R"({"text":"\u12g4"})",
        R"({"text":"a\"})", R"({"text":"\)"}) {
    absl::Status s = ReadError(line);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << line;
    EXPECT_TRUE(absl::StartsWith(s.message(), "in.jsonl:1: ")) << s;
  }
}

TEST(JsonlTest, InvalidUtf8BecomesReplacementCharacters) {
  const std::string line = "{\"text\":\"ok \xFF\xFE\xC3 end\"}";
  Document d = ReadOne(line);
  EXPECT_EQ(d.text, "ok \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end");
  std::string out = Rewrite(line, [](const std::string& t) { return t + "!"; });
  EXPECT_EQ(out,
            "{\"text\":\"ok \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end!\"}\n");
}

TEST(JsonlTest, MalformedLineErrorNamesTheLine) {
  const std::string data =
      "{\"text\":\"one\"}\n{\"text\":\"two\"}\n{\"text\": tru}\n"
      "{\"text\":\"four\"}\n";
  std::vector<Document> docs;
  absl::Status s = ReadAll(data, JsonlOptions(), &docs);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(s.message(), "in.jsonl:3: ")) << s;
  EXPECT_EQ(docs.size(), 2u);
}

TEST(JsonlTest, RejectsWhatStrictJsonRejects) {
  for (const char* line : {
           R"({"text":"a",})",             // Trailing comma.
           R"({"text":"a"} x)",            // Data after the object.
           R"(["text"])",                  // Not an object.
           R"({"text":"a","n":01})",       // Leading zero.
           R"({"text":"a","n":1.})",       // Bad fraction.
           R"({"text":"a","n":-})",        // Bad number.
           R"({"text":"a","l":[1,2,]})",   // Trailing comma in an array.
           R"({"text":"a","o":{"k" 1}})",  // Missing colon.
           R"({"text":"a","b":nul})",      // Bad literal.
           R"({'text':'a'})",              // Single quotes.
           "{\"text\":\"tab\there\"}",     // Raw control character.
           R"({"text":"a")",               // Unterminated object.
           R"({"text":"a","text":"b"})",   // Duplicate field.
       }) {
    absl::Status s = ReadError(line);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << line;
  }
}

TEST(JsonlTest, AcceptsNestedValuesAndWhiteSpace) {
  Document d = ReadOne(
      " { \"meta\" : {\"a\": [1, -2.5e+3, true, false, null, {\"b\": []}]},"
      " \"text\" : \"hi\" , \"n\": 0 }  ");
  EXPECT_EQ(d.text, "hi");
}

TEST(JsonlTest, DeepNestingIsAnErrorNotACrash) {
  std::string line = "{\"text\":\"a\",\"x\":";
  line.append(100000, '[');
  absl::Status s = ReadError(line);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
}

TEST(JsonlTest, SkipModeCountsBadLinesAndGoesOn) {
  const std::string data =
      "{\"text\":\"one\"}\nnot json\n{\"other\":1}\n{\"text\":2}\n"
      "{\"text\":\"five\"}\n";
  ReaderOptions o = JsonlOptions();
  o.on_error = OnError::kSkip;
  std::vector<Document> docs;
  ReaderStats stats;
  absl::Status s = ReadAll(data, o, &docs, &stats);
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].text, "one");
  EXPECT_EQ(docs[1].text, "five");
  EXPECT_EQ(docs[1].line, 5);
  EXPECT_EQ(stats.skipped, 3);
  ASSERT_EQ(stats.skip_messages.size(), 3u);
  EXPECT_TRUE(absl::StartsWith(stats.skip_messages[0], "in.jsonl:2: "));
  EXPECT_TRUE(absl::StrContains(stats.skip_messages[1], "no \"text\" member"));
  EXPECT_TRUE(absl::StrContains(stats.skip_messages[2], "not a string"));
}

TEST(JsonlTest, MissingFieldIsAClearError) {
  absl::Status s = ReadError("{\"body\":\"x\"}\n");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "in.jsonl:1: no \"text\" member");
}

TEST(JsonlTest, ReadsTheConfiguredField) {
  ReaderOptions o = JsonlOptions();
  o.field = "body";
  std::vector<Document> docs;
  ASSERT_TRUE(ReadAll(R"({"text":"no","body":"yes"})", o, &docs).ok());
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, "yes");
}

TEST(JsonlTest, IdIsAStringANumberOrFileAndLine) {
  std::vector<Document> docs;
  ASSERT_TRUE(ReadAll("{\"id\":\"a\\u0062\",\"text\":\"\"}\n"
                      "{\"text\":\"\",\"id\":-12.5e3}\n"
                      "{\"text\":\"\"}\n"
                      "{\"text\":\"\",\"id\":null}\n",
                      JsonlOptions(), &docs)
                  .ok());
  ASSERT_EQ(docs.size(), 4u);
  EXPECT_EQ(docs[0].id, "ab");
  EXPECT_FALSE(docs[0].id_is_number);
  EXPECT_EQ(docs[1].id, "-12.5e3");
  EXPECT_TRUE(docs[1].id_is_number);
  // Without an id, or with a null one: FILE:LINE, never a bare number that
  // could collide with a numeric id or with a line of another file.
  EXPECT_EQ(docs[2].id, "in.jsonl:3");
  EXPECT_FALSE(docs[2].id_is_number);
  EXPECT_EQ(docs[3].id, "in.jsonl:4");
}

TEST(JsonlTest, SkipsBlankLinesAndAcceptsCrlf) {
  std::vector<Document> docs;
  ReaderStats stats;
  ASSERT_TRUE(ReadAll("\n{\"text\":\"a\"}\r\n  \r\n\r\n{\"text\":\"b\"}",
                      JsonlOptions(), &docs, &stats)
                  .ok());
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].text, "a");
  EXPECT_EQ(docs[0].line, 2);
  EXPECT_EQ(docs[0].raw, "{\"text\":\"a\"}");
  EXPECT_EQ(docs[1].text, "b");
  EXPECT_EQ(docs[1].line, 5);
  EXPECT_EQ(stats.lines, 5);
}

TEST(JsonlTest, ReadsA50MegabyteValue) {
  std::string text;
  text.reserve(50 << 20);
  while (text.size() < (50u << 20)) text += "Some text \\\"quoted\\\" line.\\n";
  const std::string data = absl::StrCat("{\"id\":1,\"text\":\"", text,
                                        "\"}\n{\"id\":2,\"text\":\"small\"}\n");
  std::vector<Document> docs;
  absl::Status s = ReadAll(data, JsonlOptions(), &docs);
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_GT(docs[0].text.size(), 40u << 20);
  EXPECT_TRUE(absl::EndsWith(docs[0].text, "Some text \"quoted\" line.\n"));
  EXPECT_EQ(docs[1].text, "small");
}

TEST(JsonlTest, SmallReadsGiveTheSameDocuments) {
  std::string data;
  for (int i = 0; i < 200; ++i) {
    absl::StrAppend(&data, "{\"id\":", i, ",\"text\":\"",
                    std::string(i * 7, 'x'), "\"}\n");
  }
  ReaderOptions o = JsonlOptions();
  o.read_bytes = 7;
  std::vector<Document> docs;
  ASSERT_TRUE(ReadAll(data, o, &docs).ok());
  ASSERT_EQ(docs.size(), 200u);
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(docs[i].id, absl::StrCat(i));
    EXPECT_EQ(docs[i].text, std::string(i * 7, 'x'));
  }
}

TEST(JsonlTest, LineLongerThanTheLimitIsAnError) {
  ReaderOptions o = JsonlOptions();
  o.max_line_bytes = 1000;
  o.read_bytes = 64;
  std::vector<Document> docs;
  absl::Status s = ReadAll(
      absl::StrCat("{\"text\":\"", std::string(5000, 'a'), "\"}\n"), o, &docs);
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
}

TEST(JsonlTest, UnchangedTextGivesByteIdenticalLines) {
  const std::string data =
      "{\"id\": 1, \"text\": \"caf\\u00e9 \\ud83d\\ude00 \\/ \\\"q\\\"\\n\","
      " \"url\":\"http://x\"}\n"
      "{ \"text\" :\"plain\" ,\"meta\":{\"a\":[1, 2.0e1]}}\n";
  EXPECT_EQ(Rewrite(data, nullptr), data);
}

TEST(JsonlTest, ReplacesOnlyTheTextValue) {
  const std::string data =
      "{\"id\": 7,  \"text\" : \"old\\u00e9\", \"meta\": {\"text\": \"inner\"},"
      " \"z\":[ 1 ,2 ]}\r\n";
  const std::string out = Rewrite(data, [](const std::string&) {
    return std::string("new \"line\"\n\x01\tend");
  });
  EXPECT_EQ(out,
            "{\"id\": 7,  \"text\" : \"new \\\"line\\\"\\n\\u0001\\tend\", "
            "\"meta\": {\"text\": \"inner\"}, \"z\":[ 1 ,2 ]}\n");
}

TEST(JsonlTest, EscapedTextReadsBackTheSame) {
  std::string all;
  for (int c = 0; c < 128; ++c) all.push_back(static_cast<char>(c));
  all += "\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF";
  std::string literal;
  EXPECT_EQ(AppendJsonString(all, &literal), 0u);
  Document d = ReadOne(absl::StrCat("{\"text\":", literal, "}"));
  EXPECT_EQ(d.text, all);
}

// Bytes 0x80 to 0xFF alone are never valid UTF-8: each becomes U+FFFD, and
// the literal reads back as the repaired text.
TEST(JsonlTest, EscapedInvalidBytesReadBackAsReplacementCharacters) {
  std::string high;
  for (int c = 0x80; c < 256; ++c) high.push_back(static_cast<char>(c));
  std::string literal;
  EXPECT_EQ(AppendJsonString(high, &literal), 128u);
  std::string want = "\"";
  for (int c = 0x80; c < 256; ++c) want += "\xEF\xBF\xBD";
  EXPECT_EQ(literal, want + "\"");
  EXPECT_EQ(ReadOne(absl::StrCat("{\"text\":", literal, "}")).text,
            want.substr(1));
}

// Each byte that needs escaping, at every offset of a block (the scan
// takes 16 bytes at a time), and lone bytes >= 0x80, which become U+FFFD.
TEST(JsonlTest, EscapesExactlyTheBytesThatNeedIt) {
  for (int c :
       {0x00, 0x01, 0x0A, 0x1F, 0x20, int{'"'}, int{'\\'}, 0x7F, 0x80, 0xFF}) {
    for (size_t at = 0; at < 40; ++at) {
      std::string text(48, 'a');
      text[at] = static_cast<char>(c);
      std::string want = "\"" + text.substr(0, at);
      if (c == '"' || c == '\\') {
        want += '\\';
        want += static_cast<char>(c);
      } else if (c == 0x0A) {
        want += "\\n";
      } else if (c < 0x20) {
        want += absl::StrFormat("\\u%04x", c);
      } else if (c >= 0x80) {
        want += "\xEF\xBF\xBD";
      } else {
        want += static_cast<char>(c);
      }
      want += text.substr(at + 1) + "\"";
      std::string got;
      AppendJsonString(text, &got);
      EXPECT_EQ(got, want) << c << " at " << at;
      std::string read_back = text;
      if (c >= 0x80) read_back.replace(at, 1, "\xEF\xBF\xBD");
      EXPECT_EQ(ReadOne(absl::StrCat("{\"text\":", got, "}")).text, read_back)
          << c << " at " << at;
    }
  }
}

}  // namespace
}  // namespace pith
