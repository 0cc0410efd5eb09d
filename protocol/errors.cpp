#include "protocol/errors.hpp"

#include "protocol/words.hpp"

namespace tribune::protocol {

std::string_view to_string(error_code code) { return word(code); }

}  // namespace tribune::protocol
