#include "concurrent_calls.h"

#include <QThread>

#include <latch>
#include <memory>
#include <vector>

namespace lumen::test {

QList<HttpReply> callConcurrently(quint16 port, const QList<HttpClient::Request>& requests)
{
    QList<HttpReply> replies(requests.size());
    // Every thread connects first, then all send when the last one is ready.
    std::latch ready(requests.size());
    std::vector<std::unique_ptr<QThread>> threads;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        threads.emplace_back(QThread::create([&, i] {
            HttpClient client(port);
            client.get(QStringLiteral("/api/v1/health"), {}); // opens the keep-alive connection
            ready.arrive_and_wait();
            const auto& r = requests[i];
            replies[i] = client.call(r.method, r.path, r.body, r.token);
        }));
        threads.back()->start();
    }
    for (auto& thread : threads)
        thread->wait();
    return replies;
}

} // namespace lumen::test
