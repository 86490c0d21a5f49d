#pragma once

#include "Durability.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// Everything the server is started with; parsed from the command line.
struct ServerConfig
{
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8470;
    QString dataDir;
    QString tokenFile;
    QString publishTokenFile;
    QString eventTypesFile;
    bool allowPrivateNetwork = false;
    qint64 deliveryTimeoutMs = 15000;
    QList<qint64> retryScheduleMs; // empty: the standard schedule
    int retentionDays = 30;
    Durability durability = Durability::PowerLoss;
    qint64 maxBodyBytes = 1024 * 1024;
    bool metricsPublic = false; // GET /metrics without a token
    // Security hardening (docs/security.md, SecurityOptions)
    QString masterKeyFile; // empty: <data-dir>/master.key, generated on first start
    QString tlsCertFile;   // with tlsKeyFile: HTTPS only
    QString tlsKeyFile;
    QStringList allowedHosts; // Host names accepted besides the address and localhost (loopback listener)
    int maxConnections = 512;
    int idleTimeoutMs = 30 * 1000;
    int requestTimeoutMs = 10 * 1000;
    int authFailureLimit = 10; // wrong tokens per address within authFailureWindowMs before 429
    qint64 authFailureWindowMs = 60 * 1000;

    enum class Action { Run, ShowHelp, ShowVersion, CheckConfig };
    struct ParseResult
    {
        Action action = Action::Run;
        QString error; // non-empty when the arguments are wrong
        QString text;  // help or version text
    };
    // arguments includes the program name, as QCoreApplication::arguments() does.
    static ParseResult parse(const QStringList &arguments, ServerConfig &config);
};
