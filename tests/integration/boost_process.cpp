// Boost.Process v2's compiled part, built once here for the whole harness
// (BOOST_PROCESS_V2_SEPARATE_COMPILATION). Over std::filesystem (BOOST_PROCESS_USE_STD_FS) it needs
// no compiled Boost library, unlike v1, which needs Boost.Filesystem. Boost 1.81's header-only mode
// leaves process_environment::on_setup undefined, hence this file. Its headers are not
// self-contained in 1.81: with BOOST_PROCESS_USE_STD_FS they use boost::optional and Boost's
// type traits without including them.
#include <boost/optional.hpp>
#include <boost/type_traits.hpp>

#include <boost/process/v2.hpp>
#include <boost/process/v2/src.hpp>
