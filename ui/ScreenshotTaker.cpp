#include "ScreenshotTaker.h"

#include "DeliveryHistoryPanel.h"
#include "DeliveryTableModel.h"
#include "EndpointTableModel.h"
#include "MainWindow.h"
#include "SecretDialog.h"
#include "Signer.h"
#include "VerifySignatureDialog.h"

#include <QApplication>
#include <QDateTime>
#include <QDialog>
#include <QPixmap>
#include <QRandomGenerator>
#include <QTableView>
#include <QTimer>

#include <cstdio>

namespace {
// Only for pictures: a throwaway secret that looks like a real one.
QByteArray randomBytes(int count)
{
    QByteArray bytes;
    for (int i = 0; i < count; ++i)
        bytes.append(char(QRandomGenerator::global()->bounded(256)));
    return bytes;
}
} // namespace

ScreenshotTaker::ScreenshotTaker(MainWindow *window, const QString &file, const QString &scene)
    : QObject(window)
    , m_window(window)
    , m_file(file)
    , m_scene(scene)
{
    QTimer::singleShot(500, this, &ScreenshotTaker::waitForEndpoints);
}

void ScreenshotTaker::waitForEndpoints()
{
    if (m_window->endpointModel()->rowCount() == 0 && m_waited++ < 60) {
        QTimer::singleShot(250, this, &ScreenshotTaker::waitForEndpoints);
        return;
    }
    // Let the history, chart and catalog arrive before choosing what to show.
    QTimer::singleShot(2000, this, &ScreenshotTaker::prepareScene);
}

void ScreenshotTaker::prepareScene()
{
    QTableView *deliveries = m_window->historyPanel()->table();
    const DeliveryTableModel *model = m_window->historyPanel()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->delivery(row).status == DeliveryInfo::Status::Failed) {
            deliveries->selectRow(row);
            break;
        }
    if (m_scene == QLatin1String("endpoint-dialog")) {
        m_window->editEndpoint();
    } else if (m_scene == QLatin1String("secret")) {
        const EndpointInfo shown = m_window->currentEndpoint().value_or(EndpointInfo());
        auto *dialog = new SecretDialog(shown.url, QStringLiteral("whs_") + QString::fromLatin1(randomBytes(24).toBase64()), m_window);
        dialog->offerKeychain(m_window->vault(), m_window->serverKey(), shown.id);
        dialog->open();
    } else if (m_scene == QLatin1String("verify")) {
        showSampleVerification();
    }
    QTimer::singleShot(1200, this, &ScreenshotTaker::grabAndQuit);
}

void ScreenshotTaker::showSampleVerification()
{
    // A message signed here with a throwaway secret, as a receiver would have got it.
    const QByteArray key = randomBytes(24);
    const QString secret = QStringLiteral("whs_") + QString::fromLatin1(key.toBase64());
    const qint64 timestamp = QDateTime::currentSecsSinceEpoch() - 42;
    const QByteArray body = R"({"id":"evt_7Kq2LmN8pR4sT6vW","type":"survey.response.created","created_at":"2026-06-07T10:00:00Z","data":{"survey_id":"srv_123","score":9}})";
    const QByteArray id = "del_3fGh8JkL2mNp";
    auto *dialog = new VerifySignatureDialog(m_window->vault(), m_window->serverKey(), {}, m_window);
    dialog->setMessage(QString::fromLatin1(id), QString::number(timestamp),
                       QString::fromLatin1(Signer::sign(key, id, timestamp, body)), QString::fromUtf8(body));
    dialog->setSecret(secret);
    dialog->show();
    dialog->verify();
}

void ScreenshotTaker::grabAndQuit()
{
    QWidget *front = m_window;
    for (QDialog *dialog : m_window->findChildren<QDialog *>())
        if (dialog->isVisible())
            front = dialog;
    if (!front->grab().save(m_file))
        std::fprintf(stderr, "screenshot: cannot write %s\n", qUtf8Printable(m_file));
    QApplication::quit();
}
