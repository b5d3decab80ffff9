// Resolution of AWS credentials, region and endpoint; see aws_config.h for the order.
#include "dynamo/aws_config.h"

#include <rapidjson/document.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>

#include "dynamosql/error.h"

extern char** environ;

namespace dynamosql {
namespace {

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

std::optional<std::string> nonempty(const std::optional<std::string>& v) {
  if (v && !v->empty()) return v;
  return std::nullopt;
}

const std::map<std::string, std::string>* section(const IniFile& ini, const std::string& name) {
  auto it = ini.find(name);
  return it == ini.end() ? nullptr : &it->second;
}

std::optional<std::string> lookup(const std::map<std::string, std::string>* s, const std::string& key) {
  if (!s) return std::nullopt;
  auto it = s->find(key);
  if (it == s->end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// Parses "2026-01-02T03:04:05Z" (and with fractional seconds or +00:00).
std::optional<std::chrono::system_clock::time_point> parse_iso8601(const std::string& s) {
  std::tm tm{};
  if (s.size() < 19 || sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                              &tm.tm_min, &tm.tm_sec) != 6)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

}  // namespace

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

IniFile read_ini_file(const std::string& path) {
  IniFile ini;
  std::ifstream in(path);
  if (!in) return ini;
  std::string line, current;
  while (std::getline(in, line)) {
    std::string t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t.front() == '[' && t.back() == ']') {
      current = trim(t.substr(1, t.size() - 2));
      ini[current];
      continue;
    }
    auto eq = t.find('=');
    if (eq == std::string::npos || current.empty()) continue;
    ini[current][trim(t.substr(0, eq))] = trim(t.substr(eq + 1));
  }
  return ini;
}

Credentials ProcessCredentials::get() {
  std::lock_guard<std::mutex> lock(mutex_);
  auto now = std::chrono::system_clock::now();
  if (cached_ && (!expires_ || now + std::chrono::minutes(5) < *expires_)) return *cached_;
  std::string where = "credential_process of profile '" + profile_ + "'";
  FILE* pipe = popen(command_.c_str(), "r");
  if (!pipe) throw Error(sqlstate::kInvalidAuthorization, where + " could not be started");
  std::string output;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
  int status = pclose(pipe);
  if (status != 0)
    throw Error(sqlstate::kInvalidAuthorization,
                where + " failed (exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  rapidjson::Document doc;
  doc.Parse(output.c_str(), output.size());
  // The output holds secrets: errors describe its shape, never its text.
  if (doc.HasParseError() || !doc.IsObject())
    throw Error(sqlstate::kInvalidAuthorization, where + " did not print a JSON object");
  auto str = [&](const char* key) -> std::optional<std::string> {
    auto it = doc.FindMember(key);
    if (it == doc.MemberEnd() || !it->value.IsString()) return std::nullopt;
    return std::string(it->value.GetString(), it->value.GetStringLength());
  };
  auto version = doc.FindMember("Version");
  if (version == doc.MemberEnd() || !version->value.IsInt() || version->value.GetInt() != 1)
    throw Error(sqlstate::kInvalidAuthorization, where + " printed JSON without \"Version\": 1");
  auto id = str("AccessKeyId");
  auto secret = str("SecretAccessKey");
  if (!id || !secret)
    throw Error(sqlstate::kInvalidAuthorization, where + " printed no AccessKeyId/SecretAccessKey");
  Credentials c{*id, *secret, str("SessionToken").value_or("")};
  expires_.reset();
  if (auto exp = str("Expiration")) {
    expires_ = parse_iso8601(*exp);
    if (!expires_) throw Error(sqlstate::kInvalidAuthorization, where + " printed an unreadable Expiration");
  }
  cached_ = c;
  return c;
}

ResolvedAws resolve_aws(const AwsSettings& settings, const EnvLookup& env) {
  std::string home = env("HOME").value_or("");
  std::string credentials_path =
      nonempty(env("AWS_SHARED_CREDENTIALS_FILE")).value_or(home + "/.aws/credentials");
  std::string config_path = nonempty(env("AWS_CONFIG_FILE")).value_or(home + "/.aws/config");
  std::string profile = nonempty(settings.profile).value_or(nonempty(env("AWS_PROFILE")).value_or("default"));
  bool profile_explicit = nonempty(settings.profile) || nonempty(env("AWS_PROFILE"));

  IniFile credentials_file = read_ini_file(credentials_path);
  IniFile config_file = read_ini_file(config_path);
  const auto* cred_section = section(credentials_file, profile);
  const auto* conf_section = section(config_file, profile == "default" ? "default" : "profile " + profile);
  if (!conf_section && profile == "default") conf_section = section(config_file, "profile default");

  if (profile_explicit && !cred_section && !conf_section)
    throw Error(sqlstate::kInvalidAuthorization, "AWS profile '" + profile + "' not found in " + credentials_path +
                                                     " or " + config_path);

  ResolvedAws out;

  // Credentials.
  if (nonempty(settings.access_key_id) && nonempty(settings.secret_access_key)) {
    out.credentials = std::make_shared<StaticCredentials>(
        Credentials{*settings.access_key_id, *settings.secret_access_key, settings.session_token.value_or("")},
        "explicit settings");
  } else if (!settings.profile && nonempty(env("AWS_ACCESS_KEY_ID")) && nonempty(env("AWS_SECRET_ACCESS_KEY"))) {
    out.credentials = std::make_shared<StaticCredentials>(
        Credentials{*env("AWS_ACCESS_KEY_ID"), *env("AWS_SECRET_ACCESS_KEY"), env("AWS_SESSION_TOKEN").value_or("")},
        "environment variables");
  } else {
    for (const auto& [s, path] : {std::pair{cred_section, credentials_path}, std::pair{conf_section, config_path}}) {
      auto id = lookup(s, "aws_access_key_id");
      auto secret = lookup(s, "aws_secret_access_key");
      if (id && secret) {
        out.credentials = std::make_shared<StaticCredentials>(
            Credentials{*id, *secret, lookup(s, "aws_session_token").value_or("")},
            "profile '" + profile + "' in " + path);
        break;
      }
    }
    if (!out.credentials) {
      auto process = lookup(cred_section, "credential_process");
      if (!process) process = lookup(conf_section, "credential_process");
      if (process) out.credentials = std::make_shared<ProcessCredentials>(*process, profile);
    }
  }
  if (!out.credentials)
    throw Error(sqlstate::kInvalidAuthorization,
                "no AWS credentials found; looked at the connection settings, the environment variables "
                "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, and profile '" +
                    profile + "' in " + credentials_path + " and " + config_path);

  // Region.
  auto region = nonempty(settings.region);
  if (!region) region = nonempty(env("AWS_REGION"));
  if (!region) region = nonempty(env("AWS_DEFAULT_REGION"));
  if (!region) region = lookup(conf_section, "region");
  if (!region) region = lookup(cred_section, "region");
  if (!region)
    throw Error(sqlstate::kUnableToConnect,
                "no AWS region set; looked at the connection settings, the environment variables AWS_REGION and "
                "AWS_DEFAULT_REGION, and profile '" + profile + "' in " + config_path);
  out.region = *region;

  // Endpoint.
  auto endpoint = nonempty(settings.endpoint);
  if (!endpoint) endpoint = nonempty(env("AWS_ENDPOINT_URL_DYNAMODB"));
  if (!endpoint) endpoint = nonempty(env("AWS_ENDPOINT_URL"));
  if (!endpoint) endpoint = lookup(conf_section, "endpoint_url");
  if (endpoint) {
    if (endpoint->rfind("http://", 0) != 0 && endpoint->rfind("https://", 0) != 0)
      throw Error(sqlstate::kUnableToConnect, "endpoint '" + *endpoint + "' must start with http:// or https://");
    while (endpoint->size() > 8 && endpoint->back() == '/') endpoint->pop_back();
    out.endpoint = *endpoint;
    out.streams_endpoint = *endpoint;  // a custom endpoint (DynamoDB Local) serves both APIs
  } else {
    std::string suffix = out.region.rfind("cn-", 0) == 0 ? ".amazonaws.com.cn" : ".amazonaws.com";
    out.endpoint = "https://dynamodb." + out.region + suffix;
    out.streams_endpoint = "https://streams.dynamodb." + out.region + suffix;
  }
  return out;
}

}  // namespace dynamosql
