// AWS Signature Version 4 (HMAC-SHA256 over a canonical request), with OpenSSL. The pieces are
// exposed separately so the AWS test suite can check each step (canonical request, string to sign,
// Authorization header). The session token, when present, is a signed header.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dynamosql {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct SignableRequest {
  std::string method;     // "POST"
  std::string path;       // "/" (raw, not yet encoded)
  std::string query;      // raw query string without '?', may be empty
  HeaderList headers;     // as sent; must include host and x-amz-date
  std::string_view payload;
};

struct SigningScope {
  std::string region;
  std::string service;
  std::string amz_date;  // "20150830T123600Z"
};

std::string sha256_hex(std::string_view data);
// "20150830T123600Z" for the current UTC time.
std::string amz_date_now();

std::string canonical_request(const SignableRequest& request, std::string* signed_headers = nullptr);
std::string string_to_sign(std::string_view canonical, const SigningScope& scope);
std::string authorization_header(const SignableRequest& request, const Credentials& credentials,
                                 const SigningScope& scope);

}  // namespace dynamosql
