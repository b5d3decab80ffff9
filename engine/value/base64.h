// Base64 (RFC 4648, with padding), as DynamoDB carries binary values and as we print them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dynamosql {

std::string base64_encode(std::string_view bytes);
// nullopt when the text is not valid padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace dynamosql
