#pragma once
// Plain request/response values passed between the Beast transport and the API handlers,
// so handlers never see Boost types.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace lumen::server {

struct HttpRequest
{
    std::string method;                       // "GET", "POST", ...
    std::string path;                         // decoded path without the query
    std::map<std::string, std::string> query; // decoded query parameters (last one wins)
    std::string body;
    std::string authorization;
    std::string contentType;
    std::string host;   // the Host header, for absolute URLs in responses
    std::string accept; // the Accept header, for content negotiation
    std::string origin; // the Origin header of browser requests (CORS)
    std::string clientAddress;
};

// One piece of a streamed body: bytes, or a whole file of a known size.
struct BodyPiece
{
    std::string bytes;
    std::string filePath;       // when set, the file's content instead of `bytes`
    std::uint64_t fileSize = 0; // what the file held when the response was made
};

struct HttpResponse
{
    int status = 200;
    std::string body;
    std::string contentType = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
    // A body too large to build in memory (a WADO-RS series), sent piece by piece with files
    // going from the page cache to the socket; when not empty, `body` is ignored.
    std::vector<BodyPiece> streamedBody = {};
};

} // namespace lumen::server
