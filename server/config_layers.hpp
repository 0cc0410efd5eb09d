#pragma once
// How the configuration layers meet in CLI11 (for config.cpp only). CLI11 parses the flags; then
// each option the flags left unset takes its TRIBUNE_* environment variable, else its key in the
// --config file, through the option's own checks. CLI11's set_config and envname are not used: it
// reads the file first and the environment only for options still unset, so the file would
// override the environment.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace tribune::server {

// The options of `serve` that the environment and the file may set: all but --help and --config.
std::vector<CLI::Option*> layered_options(CLI::App& serve);
std::string env_name(const CLI::Option& opt);  // --web-root: TRIBUNE_WEB_ROOT
std::string file_key(const CLI::Option& opt);  // --web-root: web_root

// Fills every option the flags left unset from its environment variable, else from `file` (none if
// empty). Throws std::invalid_argument naming the variable, or the file and key, of a bad value.
void apply_layers(CLI::App& serve, const std::string& file);

// Every layered option with its meaning, flag, environment variable and built-in default, as a
// TOML file that `serve --config` reads back.
std::string config_template(CLI::App& serve);

// --help shows each option's environment variable, as CLI11 does for its own envname.
class help_formatter : public CLI::Formatter {
 public:
  std::string make_option_opts(const CLI::Option* opt) const override;
};

}  // namespace tribune::server
