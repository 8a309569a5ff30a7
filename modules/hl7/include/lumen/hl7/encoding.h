#pragma once
// The delimiters a message declares in MSH-1 and MSH-2.
namespace lumen::hl7 {

struct Encoding
{
    char field = '|';
    char component = '^';
    char repetition = '~';
    char escape = '\\';
    char subcomponent = '&';
};

} // namespace lumen::hl7
