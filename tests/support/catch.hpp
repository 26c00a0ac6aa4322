#pragma once
// The one place that knows which Catch2 we use (Debian bookworm ships 2.13,
// the v2 single header); moving to v3 touches only this file.
#include <catch2/catch.hpp>
