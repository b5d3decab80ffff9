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

namespace {

using Section = std::map<std::string, std::string>;

// The profile a session uses and its sections in the shared credentials and config files.
struct Profile {
  std::string name;
  std::string credentials_path, config_path;
  IniFile credentials_file, config_file;
  const Section* credentials = nullptr;  // [name] in the credentials file
  const Section* config = nullptr;       // [profile name] ([default]) in the config file
};

// The settings' profile, else AWS_PROFILE, else "default"; a profile named but found nowhere is 28000.
std::unique_ptr<Profile> find_profile(const AwsSettings& settings, const EnvLookup& env) {
  auto p = std::make_unique<Profile>();
  std::string home = env("HOME").value_or("");
  p->credentials_path = nonempty(env("AWS_SHARED_CREDENTIALS_FILE")).value_or(home + "/.aws/credentials");
  p->config_path = nonempty(env("AWS_CONFIG_FILE")).value_or(home + "/.aws/config");
  p->name = nonempty(settings.profile).value_or(nonempty(env("AWS_PROFILE")).value_or("default"));
  bool named = nonempty(settings.profile) || nonempty(env("AWS_PROFILE"));
  p->credentials_file = read_ini_file(p->credentials_path);
  p->config_file = read_ini_file(p->config_path);
  p->credentials = section(p->credentials_file, p->name);
  p->config = section(p->config_file, p->name == "default" ? "default" : "profile " + p->name);
  if (!p->config && p->name == "default") p->config = section(p->config_file, "profile default");
  if (named && !p->credentials && !p->config)
    throw Error(sqlstate::kInvalidAuthorization,
                "AWS profile '" + p->name + "' not found in " + p->credentials_path + " or " + p->config_path);
  return p;
}

// The keys in the profile's sections, else its credential_process; nullptr when it has neither.
std::shared_ptr<CredentialProvider> profile_credentials(const Profile& p) {
  for (const auto& [s, path] : {std::pair{p.credentials, p.credentials_path}, std::pair{p.config, p.config_path}}) {
    auto id = lookup(s, "aws_access_key_id");
    auto secret = lookup(s, "aws_secret_access_key");
    if (id && secret)
      return std::make_shared<StaticCredentials>(Credentials{*id, *secret, lookup(s, "aws_session_token").value_or("")},
                                                 "profile '" + p.name + "' in " + path);
  }
  auto process = lookup(p.credentials, "credential_process");
  if (!process) process = lookup(p.config, "credential_process");
  if (process) return std::make_shared<ProcessCredentials>(*process, p.name);
  return nullptr;
}

// Explicit settings, else the environment (unless a profile was named), else the profile.
std::shared_ptr<CredentialProvider> find_credentials(const AwsSettings& settings, const EnvLookup& env, const Profile& p) {
  if (nonempty(settings.access_key_id) && nonempty(settings.secret_access_key))
    return std::make_shared<StaticCredentials>(
        Credentials{*settings.access_key_id, *settings.secret_access_key, settings.session_token.value_or("")},
        "explicit settings");
  if (!settings.profile && nonempty(env("AWS_ACCESS_KEY_ID")) && nonempty(env("AWS_SECRET_ACCESS_KEY")))
    return std::make_shared<StaticCredentials>(
        Credentials{*env("AWS_ACCESS_KEY_ID"), *env("AWS_SECRET_ACCESS_KEY"), env("AWS_SESSION_TOKEN").value_or("")},
        "environment variables");
  if (auto from_profile = profile_credentials(p)) return from_profile;
  throw Error(sqlstate::kInvalidAuthorization,
              "no AWS credentials found; looked at the connection settings, the environment variables "
              "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, and profile '" +
                  p.name + "' in " + p.credentials_path + " and " + p.config_path);
}

std::string find_region(const AwsSettings& settings, const EnvLookup& env, const Profile& p) {
  auto region = nonempty(settings.region);
  if (!region) region = nonempty(env("AWS_REGION"));
  if (!region) region = nonempty(env("AWS_DEFAULT_REGION"));
  if (!region) region = lookup(p.config, "region");
  if (!region) region = lookup(p.credentials, "region");
  if (!region)
    throw Error(sqlstate::kUnableToConnect,
                "no AWS region set; looked at the connection settings, the environment variables AWS_REGION and "
                "AWS_DEFAULT_REGION, and profile '" + p.name + "' in " + p.config_path);
  return *region;
}

// A custom endpoint (DynamoDB Local) serves both DynamoDB and Streams; else the region's.
void set_endpoints(const AwsSettings& settings, const EnvLookup& env, const Profile& p, ResolvedAws& out) {
  auto endpoint = nonempty(settings.endpoint);
  if (!endpoint) endpoint = nonempty(env("AWS_ENDPOINT_URL_DYNAMODB"));
  if (!endpoint) endpoint = nonempty(env("AWS_ENDPOINT_URL"));
  if (!endpoint) endpoint = lookup(p.config, "endpoint_url");
  if (endpoint) {
    if (endpoint->rfind("http://", 0) != 0 && endpoint->rfind("https://", 0) != 0)
      throw Error(sqlstate::kUnableToConnect, "endpoint '" + *endpoint + "' must start with http:// or https://");
    while (endpoint->size() > 8 && endpoint->back() == '/') endpoint->pop_back();
    out.endpoint = *endpoint;
    out.streams_endpoint = *endpoint;
    return;
  }
  std::string suffix = out.region.rfind("cn-", 0) == 0 ? ".amazonaws.com.cn" : ".amazonaws.com";
  out.endpoint = "https://dynamodb." + out.region + suffix;
  out.streams_endpoint = "https://streams.dynamodb." + out.region + suffix;
}

}  // namespace

ResolvedAws resolve_aws(const AwsSettings& settings, const EnvLookup& env) {
  std::unique_ptr<Profile> profile = find_profile(settings, env);
  ResolvedAws out;
  out.credentials = find_credentials(settings, env, *profile);
  out.region = find_region(settings, env, *profile);
  set_endpoints(settings, env, *profile, out);
  return out;
}

}  // namespace dynamosql
