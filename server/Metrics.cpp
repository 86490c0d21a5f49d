#include "Metrics.h"

namespace {
// Label values may hold anything; the format wants backslash, quote and newline escaped.
QByteArray escapeLabel(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', QByteArrayLiteral("\\\\"));
    out.replace('"', QByteArrayLiteral("\\\""));
    out.replace('\n', QByteArrayLiteral("\\n"));
    return out;
}

void header(QByteArray &out, const char *name, const char *help, const char *type)
{
    out += QByteArrayLiteral("# HELP ") + name + ' ' + help + QByteArrayLiteral("\n# TYPE ") + name + ' ' + type + '\n';
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 12);
}
} // namespace

void Metrics::countRequest(const QByteArray &method, const QString &route, int status)
{
    // Labels are rendered at scrape time: building them per request was 2% of a request's cost.
    ++m_requests[{method, route.isEmpty() ? QStringLiteral("unmatched") : route, status}];
}

void Metrics::countAttempt(const AttemptOutcome &outcome)
{
    switch (outcome.status) {
    case DeliveryStatus::Delivered: ++m_delivered; break;
    case DeliveryStatus::Pending: ++m_retrying; break;
    case DeliveryStatus::Failed: ++m_failed; break;
    }
    const double seconds = static_cast<double>(outcome.attempt.durationMs) / 1000.0;
    for (std::size_t i = 0; i < kLatencyBucketsSeconds.size(); ++i) {
        if (seconds <= kLatencyBucketsSeconds[i]) {
            ++m_latencyBuckets[i];
            break;
        }
    }
    ++m_latencyCount;
    m_latencySumSeconds += seconds;
}

QByteArray Metrics::render(const QList<Gauge> &gauges) const
{
    QByteArray out;
    renderRequests(out);
    renderDeliveries(out);
    renderLatency(out);
    for (const Gauge &gauge : gauges) {
        header(out, gauge.name.constData(), gauge.help.constData(), "gauge");
        out += gauge.name + ' ' + number(gauge.value) + '\n';
    }
    return out;
}

void Metrics::renderRequests(QByteArray &out) const
{
    header(out, "ena_webhooks_http_requests_total", "HTTP requests answered, by method, route pattern and status.", "counter");
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it) {
        const auto &[method, route, status] = it.key();
        out += QByteArrayLiteral("ena_webhooks_http_requests_total{method=\"") + escapeLabel(QString::fromLatin1(method))
               + QByteArrayLiteral("\",route=\"") + escapeLabel(route) + QByteArrayLiteral("\",status=\"")
               + QByteArray::number(status) + QByteArrayLiteral("\"} ") + QByteArray::number(it.value()) + '\n';
    }
}

void Metrics::renderDeliveries(QByteArray &out) const
{
    header(out, "ena_webhooks_delivery_attempts_total",
           "Delivery attempts by outcome: delivered, retrying (failed, another attempt scheduled) or failed (no attempts left).",
           "counter");
    out += QByteArrayLiteral("ena_webhooks_delivery_attempts_total{outcome=\"delivered\"} ") + QByteArray::number(m_delivered) + '\n';
    out += QByteArrayLiteral("ena_webhooks_delivery_attempts_total{outcome=\"retrying\"} ") + QByteArray::number(m_retrying) + '\n';
    out += QByteArrayLiteral("ena_webhooks_delivery_attempts_total{outcome=\"failed\"} ") + QByteArray::number(m_failed) + '\n';
    header(out, "ena_webhooks_deliveries_finished_total", "Deliveries that reached a final state, by outcome.", "counter");
    out += QByteArrayLiteral("ena_webhooks_deliveries_finished_total{outcome=\"delivered\"} ") + QByteArray::number(m_delivered) + '\n';
    out += QByteArrayLiteral("ena_webhooks_deliveries_finished_total{outcome=\"failed\"} ") + QByteArray::number(m_failed) + '\n';
}

void Metrics::renderLatency(QByteArray &out) const
{
    const char *name = "ena_webhooks_delivery_attempt_duration_seconds";
    header(out, name, "Duration of delivery attempts, from sending to the receiver's answer or the error.", "histogram");
    quint64 cumulative = 0;
    for (std::size_t i = 0; i < kLatencyBucketsSeconds.size(); ++i) {
        cumulative += m_latencyBuckets[i];
        out += name + QByteArrayLiteral("_bucket{le=\"") + number(kLatencyBucketsSeconds[i]) + QByteArrayLiteral("\"} ")
            + QByteArray::number(cumulative) + '\n';
    }
    out += name + QByteArrayLiteral("_bucket{le=\"+Inf\"} ") + QByteArray::number(m_latencyCount) + '\n';
    out += name + QByteArrayLiteral("_sum ") + number(m_latencySumSeconds) + '\n';
    out += name + QByteArrayLiteral("_count ") + QByteArray::number(m_latencyCount) + '\n';
}
