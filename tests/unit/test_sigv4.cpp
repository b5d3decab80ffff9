// Runs every case of the AWS SigV4 test suite (botocore's copy, in tests/data/sigv4) through our signer:
// canonical request, string to sign and Authorization header must match byte for byte.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dynamo/sigv4.h"

using namespace dynamosql;
namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Parses a .req file: request line, headers (with folded continuation lines), blank line, body.
SignableRequest parse_req(const std::string& raw, std::string& body_storage) {
  SignableRequest r;
  size_t line_end = raw.find('\n');
  std::string first = raw.substr(0, line_end);
  if (!first.empty() && first.back() == '\r') first.pop_back();
  size_t sp = first.find(' ');
  size_t http = first.rfind(" HTTP/");
  r.method = first.substr(0, sp);
  std::string target = first.substr(sp + 1, http - sp - 1);
  size_t q = target.find('?');
  r.path = target.substr(0, q);
  r.query = q == std::string::npos ? "" : target.substr(q + 1);
  size_t pos = line_end == std::string::npos ? raw.size() : line_end + 1;
  while (pos < raw.size()) {
    size_t end = raw.find('\n', pos);
    std::string line = raw.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? raw.size() : end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      body_storage = raw.substr(pos);
      break;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !r.headers.empty()) {
      r.headers.back().second += "\n" + line;  // folded value
      continue;
    }
    size_t colon = line.find(':');
    r.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  r.payload = body_storage;
  return r;
}

fs::path suite_dir() {
  const char* env = std::getenv("DYNAMOSQL_SIGV4_SUITE");
  return env ? fs::path(env) : fs::path(DYNAMOSQL_SIGV4_SUITE);
}

}  // namespace

TEST_CASE("SigV4: every case of the AWS test suite", "[sigv4]") {
  fs::path root = suite_dir();
  INFO("suite directory: " << root);
  REQUIRE(fs::is_directory(root));
  int cases = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".req") continue;
    fs::path base = entry.path();
    base.replace_extension();
    std::string name = base.filename().string();
    DYNAMIC_SECTION(base.lexically_relative(root).string()) {
      std::string body;
      std::string raw = read_bytes(entry.path());
      SignableRequest request = parse_req(raw, body);
      // The suite signs this one with a session token that is not in the .req file.
      if (name == "get-vanilla-with-session-token")
        request.headers.emplace_back("X-Amz-Security-Token",
                                     "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267");
      Credentials creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
      SigningScope scope{"us-east-1", "service", "20150830T123600Z"};
      std::string canonical = canonical_request(request);
      CHECK(canonical == read_bytes(base.string() + ".creq"));
      CHECK(string_to_sign(canonical, scope) == read_bytes(base.string() + ".sts"));
      CHECK(authorization_header(request, creds, scope) == read_bytes(base.string() + ".authz"));
    }
    ++cases;
  }
  // All 34 cases, including the four botocore skips.
  CHECK(cases == 34);
}

TEST_CASE("SigV4: the signature changes with every signed input", "[sigv4]") {
  SignableRequest r{"POST", "/", "", {{"host", "dynamodb.us-east-1.amazonaws.com"}, {"x-amz-date", "20240101T000000Z"}}, "{}"};
  Credentials c{"AKID", "secret", ""};
  SigningScope s{"us-east-1", "dynamodb", "20240101T000000Z"};
  std::string base = authorization_header(r, c, s);
  SignableRequest other_body = r;
  other_body.payload = "{ }";
  CHECK(authorization_header(other_body, c, s) != base);
  CHECK(authorization_header(r, Credentials{"AKID", "secret2", ""}, s) != base);
  SigningScope other_region = s;
  other_region.region = "eu-west-1";
  CHECK(authorization_header(r, c, other_region) != base);
  // A session token is a signed header.
  SignableRequest with_token = r;
  with_token.headers.emplace_back("x-amz-security-token", "TOKEN");
  std::string signed_with_token = authorization_header(with_token, c, s);
  CHECK(signed_with_token.find("SignedHeaders=host;x-amz-date;x-amz-security-token") != std::string::npos);
  // The secret never appears in the header.
  CHECK(base.find("secret") == std::string::npos);
}
