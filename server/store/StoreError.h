#pragma once

#include <stdexcept>

// A database failure. Never caused by client input; the HTTP front answers it as a 500.
class StoreError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};
