// Credential, region and endpoint resolution from settings, environment and shared files, in a
// temporary HOME, including credential_process; errors say where they looked and never show secrets.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "dynamo/aws_config.h"
#include "dynamosql/error.h"
#include "support/test_env.h"

using namespace dynamosql;
namespace fs = std::filesystem;

namespace {

struct FakeEnv {
  std::map<std::string, std::string> vars;
  EnvLookup lookup() const {
    return [this](const std::string& name) -> std::optional<std::string> {
      auto it = vars.find(name);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
  }
};

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

}  // namespace

TEST_CASE("aws config: resolution order", "[config]") {
  std::string home = testing::scratch_dir();
  write_file(home + "/.aws/credentials",
             "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n\n"
             "[other]\naws_access_key_id=OTHERKEY\naws_secret_access_key=OTHERSECRET\naws_session_token=OTHERTOKEN\n");
  write_file(home + "/.aws/config",
             "[default]\nregion = eu-west-1\n\n[profile other]\nregion=ap-south-1\n"
             "[profile proc]\nregion=us-west-2\ncredential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"PROCKEY\", "
             "\"SecretAccessKey\": \"PROCSECRET\", \"SessionToken\": \"PROCTOKEN\"}'\n"
             "[profile badproc]\nregion=us-west-2\ncredential_process = sh -c 'echo SECRETOUTPUT; exit 3'\n");
  FakeEnv env;
  env.vars["HOME"] = home;

  SECTION("the default profile from the shared files") {
    auto r = resolve_aws({}, env.lookup());
    CHECK(r.credentials->get().access_key_id == "FILEKEY");
    CHECK(r.region == "eu-west-1");
    CHECK(r.endpoint == "https://dynamodb.eu-west-1.amazonaws.com");
    CHECK(r.streams_endpoint == "https://streams.dynamodb.eu-west-1.amazonaws.com");
    CHECK(r.credentials->source().find(".aws/credentials") != std::string::npos);
  }
  SECTION("environment variables beat the files; AWS_REGION beats AWS_DEFAULT_REGION") {
    env.vars["AWS_ACCESS_KEY_ID"] = "ENVKEY";
    env.vars["AWS_SECRET_ACCESS_KEY"] = "ENVSECRET";
    env.vars["AWS_SESSION_TOKEN"] = "ENVTOKEN";
    env.vars["AWS_DEFAULT_REGION"] = "us-east-2";
    auto r = resolve_aws({}, env.lookup());
    CHECK(r.credentials->get().access_key_id == "ENVKEY");
    CHECK(r.credentials->get().session_token == "ENVTOKEN");
    CHECK(r.region == "us-east-2");
    env.vars["AWS_REGION"] = "ca-central-1";
    CHECK(resolve_aws({}, env.lookup()).region == "ca-central-1");
  }
  SECTION("explicit settings beat everything") {
    env.vars["AWS_ACCESS_KEY_ID"] = "ENVKEY";
    env.vars["AWS_SECRET_ACCESS_KEY"] = "ENVSECRET";
    env.vars["AWS_REGION"] = "ca-central-1";
    env.vars["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1";
    AwsSettings s;
    s.access_key_id = "EXPKEY";
    s.secret_access_key = "EXPSECRET";
    s.region = "sa-east-1";
    s.endpoint = "http://127.0.0.1:2/";
    auto r = resolve_aws(s, env.lookup());
    CHECK(r.credentials->get().access_key_id == "EXPKEY");
    CHECK(r.region == "sa-east-1");
    CHECK(r.endpoint == "http://127.0.0.1:2");
    CHECK(r.streams_endpoint == "http://127.0.0.1:2");
  }
  SECTION("endpoint environment variables: the DynamoDB-specific one first") {
    env.vars["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1";
    CHECK(resolve_aws({}, env.lookup()).endpoint == "http://127.0.0.1:1");
    env.vars["AWS_ENDPOINT_URL_DYNAMODB"] = "http://127.0.0.1:3";
    CHECK(resolve_aws({}, env.lookup()).endpoint == "http://127.0.0.1:3");
  }
  SECTION("AWS_PROFILE selects a profile, with its session token") {
    env.vars["AWS_PROFILE"] = "other";
    auto r = resolve_aws({}, env.lookup());
    CHECK(r.credentials->get().access_key_id == "OTHERKEY");
    CHECK(r.credentials->get().session_token == "OTHERTOKEN");
    CHECK(r.region == "ap-south-1");
  }
  SECTION("AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move the files") {
    write_file(home + "/elsewhere/creds", "[default]\naws_access_key_id=MOVEDKEY\naws_secret_access_key=S\n");
    write_file(home + "/elsewhere/conf", "[default]\nregion=me-south-1\n");
    env.vars["AWS_SHARED_CREDENTIALS_FILE"] = home + "/elsewhere/creds";
    env.vars["AWS_CONFIG_FILE"] = home + "/elsewhere/conf";
    auto r = resolve_aws({}, env.lookup());
    CHECK(r.credentials->get().access_key_id == "MOVEDKEY");
    CHECK(r.region == "me-south-1");
  }
  SECTION("credential_process") {
    AwsSettings s;
    s.profile = "proc";
    auto r = resolve_aws(s, env.lookup());
    Credentials c = r.credentials->get();
    CHECK(c.access_key_id == "PROCKEY");
    CHECK(c.secret_access_key == "PROCSECRET");
    CHECK(c.session_token == "PROCTOKEN");
    CHECK(r.region == "us-west-2");
  }
  SECTION("a failing credential_process is an error that does not echo its output") {
    AwsSettings s;
    s.profile = "badproc";
    auto r = resolve_aws(s, env.lookup());
    try {
      r.credentials->get();
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.sqlstate() == "28000");
      CHECK(std::string(e.what()).find("exit status 3") != std::string::npos);
      CHECK(std::string(e.what()).find("SECRETOUTPUT") == std::string::npos);
    }
  }
  SECTION("an unknown explicit profile is an error naming the files") {
    AwsSettings s;
    s.profile = "nope";
    try {
      resolve_aws(s, env.lookup());
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("'nope'") != std::string::npos);
      CHECK(std::string(e.what()).find(home + "/.aws/config") != std::string::npos);
    }
  }
  fs::remove_all(home);
}

TEST_CASE("aws config: missing credentials and region say where they looked", "[config]") {
  std::string home = testing::scratch_dir();
  FakeEnv env;
  env.vars["HOME"] = home;
  try {
    resolve_aws({}, env.lookup());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "28000");
    std::string m = e.what();
    CHECK(m.find("AWS_ACCESS_KEY_ID") != std::string::npos);
    CHECK(m.find(home + "/.aws/credentials") != std::string::npos);
  }
  env.vars["AWS_ACCESS_KEY_ID"] = "K";
  env.vars["AWS_SECRET_ACCESS_KEY"] = "TOPSECRET";
  try {
    resolve_aws({}, env.lookup());
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "08001");
    std::string m = e.what();
    CHECK(m.find("AWS_REGION") != std::string::npos);
    CHECK(m.find("TOPSECRET") == std::string::npos);
  }
  AwsSettings bad;
  bad.endpoint = "localhost:8000";
  bad.region = "us-east-1";
  CHECK_THROWS_AS(resolve_aws(bad, env.lookup()), Error);
  std::filesystem::remove_all(home);
}
