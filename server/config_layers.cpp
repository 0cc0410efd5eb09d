#include "server/config_layers.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <stdexcept>

namespace tribune::server {
namespace {

bool layered(const CLI::Option& opt) {
  const auto& names = opt.get_lnames();
  return !names.empty() && names.front() != "help" && names.front() != "config" && names.front() != "version";
}

std::string join_keys(const std::vector<CLI::Option*>& options) {
  std::string out;
  for (const auto* opt : options) out += (out.empty() ? "" : ", ") + file_key(*opt);
  return out;
}

// CLI11 messages start with the option's name ("--threads: Value 0 not in range…"); the source of
// the value names it better.
std::string reason(const CLI::Error& e, const CLI::Option& opt) {
  std::string text = e.what();
  const auto prefix = opt.get_name() + ": ";
  if (text.starts_with(prefix)) text.erase(0, prefix.size());
  return text;
}

void set(CLI::Option& opt, std::vector<std::string> values, const std::string& source) {
  try {
    opt.add_result(std::move(values));
    opt.run_callback();
  } catch (const CLI::Error& e) {
    throw std::invalid_argument(source + ": " + reason(e, opt));
  }
}

using file_values = std::map<std::string, std::vector<std::string>>;

// CLI11's TOML reader takes flat `key = value` lines, quoted strings and arrays; keys the server
// does not know are refused so that a typo does not silently leave a default in place.
file_values read_file(const std::string& file, const std::vector<CLI::Option*>& options) {
  std::vector<CLI::ConfigItem> items;
  try {
    items = CLI::ConfigTOML().from_file(file);
  } catch (const CLI::Error&) {
    throw std::invalid_argument(file + ": cannot be read");
  }
  file_values out;
  for (auto& item : items) {
    if (!item.parents.empty()) {
      throw std::invalid_argument(file + ": [" + item.parents.front() + "]: no sections; keys go at the top level");
    }
    if (item.name == "admin_token") {
      throw std::invalid_argument(file + ": admin_token: the organizer token is read from TRIBUNE_ADMIN_TOKEN only");
    }
    const bool known = std::any_of(options.begin(), options.end(), [&](auto* o) { return file_key(*o) == item.name; });
    if (!known) {
      throw std::invalid_argument(file + ": unknown key '" + item.name + "' (known: " + join_keys(options) + ")");
    }
    // CLI11's reader ends a value at '#', even inside quotes; what is left keeps its opening quote.
    for (const auto& value : item.inputs) {
      if (value.starts_with('"') || value.starts_with('\'')) {
        throw std::invalid_argument(file + ": " + item.name + ": unterminated string (a # starts a comment here)");
      }
    }
    if (!out.emplace(item.name, std::move(item.inputs)).second) {
      throw std::invalid_argument(file + ": " + item.name + ": set twice");
    }
  }
  return out;
}

// A TOML value for a default as CLI11 prints it. Strings are literal ('…'), which CLI11 reads back
// without escapes; a list's default is "[]" or "[a,b]".
std::string toml_value(const CLI::Option& opt) {
  const auto value = opt.get_default_str();
  const auto quote = [](const std::string& s) {
    return s.find('\'') == std::string::npos ? "'" + s + "'" : "\"" + s + "\"";
  };
  if (opt.get_items_expected_max() > 1) {
    std::string items;
    std::istringstream list(value.size() >= 2 ? value.substr(1, value.size() - 2) : "");
    for (std::string item; std::getline(list, item, ',');) items += (items.empty() ? "" : ", ") + quote(item);
    return "[" + items + "]";
  }
  return opt.get_type_name().starts_with("TEXT") ? quote(value) : value;
}

}  // namespace

std::vector<CLI::Option*> layered_options(CLI::App& serve) {
  return serve.get_options([](CLI::Option* opt) { return layered(*opt); });
}

std::string env_name(const CLI::Option& opt) {
  std::string out = "TRIBUNE_";
  for (const char c : opt.get_lnames().front()) out += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  return out;
}

std::string file_key(const CLI::Option& opt) {
  auto out = opt.get_lnames().front();
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

void apply_layers(CLI::App& serve, const std::string& file) {
  const auto options = layered_options(serve);
  const auto from_file = file.empty() ? file_values{} : read_file(file, options);
  for (auto* opt : options) {
    if (opt->count() > 0) continue;  // a flag gave it
    const auto env = env_name(*opt);
    // An empty variable counts as unset, as CLI11 has it.
    // NOLINTNEXTLINE(concurrency-mt-unsafe): read at startup, before any thread starts
    if (const char* value = std::getenv(env.c_str()); value != nullptr && *value != '\0') {
      set(*opt, {value}, env);
      continue;
    }
    const auto it = from_file.find(file_key(*opt));
    // An empty array leaves the default, which is empty for the one list (allowed_origins).
    if (it != from_file.end() && !it->second.empty()) set(*opt, it->second, file + ": " + it->first);
  }
}

std::string config_template(CLI::App& serve) {
  std::ostringstream out;
  out << "# Options of `tribune serve`, as a TOML file: save it, edit it, and start with\n"
         "#   tribune serve --config FILE\n"
         "# Each value here is the built-in default. The layers, each overriding the one before:\n"
         "#   built-in defaults < this file < TRIBUNE_* environment variables < flags.\n"
         "# The organizer token is never read from a file: set TRIBUNE_ADMIN_TOKEN.\n";
  for (const auto* opt : layered_options(serve)) {
    out << "\n# " << opt->get_description() << "\n# flag " << opt->get_name() << ", environment " << env_name(*opt)
        << "\n"
        << file_key(*opt) << " = " << toml_value(*opt) << "\n";
  }
  return out.str();
}

std::string help_formatter::make_option_opts(const CLI::Option* opt) const {
  auto out = CLI::Formatter::make_option_opts(opt);
  if (layered(*opt) && opt->get_type_size() != 0) out += " (" + get_label("Env") + ":" + env_name(*opt) + ")";
  return out;
}

}  // namespace tribune::server
