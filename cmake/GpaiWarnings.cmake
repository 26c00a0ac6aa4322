# Our warning flags, linked PRIVATE and never installed (CLI11's approach), so
# consumers of the library do not inherit them.
add_library(gpai_warnings INTERFACE)
target_compile_options(gpai_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wno-missing-field-initializers  # aggregates with defaulted trailing members are intended
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>  # GCC 12 false positive on std::string concatenation at -O3 (GCC bug 105329)
  $<$<BOOL:${GPAI_WERROR}>:-Werror>)
if(GPAI_SANITIZE)
  target_compile_options(gpai_warnings INTERFACE -fsanitize=${GPAI_SANITIZE} -fno-omit-frame-pointer)
  target_link_options(gpai_warnings INTERFACE -fsanitize=${GPAI_SANITIZE})
endif()
