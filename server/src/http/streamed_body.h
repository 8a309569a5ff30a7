#pragma once
// Sends a streamed response (HttpResponse::streamedBody) on a socket, blocking the calling
// worker thread: files go from the page cache to the socket with sendfile(), so a series of
// hundreds of megabytes is neither read into memory nor copied through user space.
#include "http/http_types.h"

#include <chrono>
#include <string>
#include <vector>

namespace lumen::server {

std::uint64_t streamedLength(const std::vector<BodyPiece>& pieces);
// A stored file as one piece of a streamed body, with its size now; throws core::Error
// (500) when the file cannot be read.
BodyPiece storedFile(const std::string& path);

// Writes `head` (the serialized status line and headers) and then every piece. The socket may
// be non-blocking; a peer that takes nothing for `stallTimeout` fails the send. A file whose
// size changed since the response was made fails it too (its Content-Length would lie).
// Returns false with `error` set on any failure: the connection must then be closed.
bool sendStreamed(int socketFd, const std::string& head, const std::vector<BodyPiece>& pieces,
                  std::chrono::milliseconds stallTimeout, std::string& error);

} // namespace lumen::server
