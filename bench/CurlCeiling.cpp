// ena-bench-curl URL REQUESTS PARALLEL: POSTs the drain benchmark's payload REQUESTS times with
// PARALLEL transfers on one thread through libcurl's multi interface, keep-alive, nothing else
// (no database, no signing, no event loop), and prints the rate. bench/run.sh runs it next to
// the drain: it is the ceiling any sender built on libcurl has on this machine.
#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {
constexpr const char *kBody =
    R"({"id":"evt_0hDzb6nN7t9wYc1QpZr3aK","type":"survey.response.created","created_at":"2026-06-07T10:30:04Z",)"
    R"("data":{"response_id":"rsp_1","score":9,"survey_id":"srv_8f2k1"}})";

size_t discard(char *, size_t size, size_t count, void *)
{
    return size * count;
}

void prepare(CURL *easy, const char *url, curl_slist *headers)
{
    curl_easy_setopt(easy, CURLOPT_URL, url);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, kBody);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
}
} // namespace

int main(int argc, char *argv[])
{
    if (argc != 4) {
        std::fputs("usage: ena-bench-curl URL REQUESTS PARALLEL\n", stderr);
        return 2;
    }
    const char *url = argv[1];
    const long total = std::atol(argv[2]);
    const int parallel = std::atoi(argv[3]);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 512L);
    curl_slist *headers = nullptr;
    for (const char *line : {"Content-Type: application/json", "User-Agent: ENA-Webhooks/bench",
                             "webhook-id: del_pNDd7fAzdtkmEgDkqr8O5w", "webhook-timestamp: 1780828204",
                             "webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=", "Expect:"})
        headers = curl_slist_append(headers, line);
    std::vector<CURL *> handles;
    long started = 0;
    long finished = 0;
    long failed = 0;
    const auto begin = std::chrono::steady_clock::now();
    for (int i = 0; i < parallel && started < total; ++i, ++started) {
        handles.push_back(curl_easy_init());
        prepare(handles.back(), url, headers);
        curl_multi_add_handle(multi, handles.back());
    }
    while (finished < total) {
        int running = 0;
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg *message = curl_multi_info_read(multi, &queued)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            ++finished;
            long status = 0;
            curl_easy_getinfo(message->easy_handle, CURLINFO_RESPONSE_CODE, &status);
            if (message->data.result != CURLE_OK || status / 100 != 2)
                ++failed;
            CURL *easy = message->easy_handle;
            curl_multi_remove_handle(multi, easy);
            if (started < total) {
                ++started;
                curl_multi_add_handle(multi, easy);
            }
        }
        curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    std::printf("%.0f\n", double(total) / seconds);
    for (CURL *easy : handles)
        curl_easy_cleanup(easy);
    curl_slist_free_all(headers);
    curl_multi_cleanup(multi);
    if (failed > 0) {
        std::fprintf(stderr, "ena-bench-curl: %ld of %ld requests failed\n", failed, total);
        return 1;
    }
    return 0;
}
