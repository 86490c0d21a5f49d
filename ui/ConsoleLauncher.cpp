#include "ConsoleLauncher.h"

#include "ConnectionController.h"
#include "EnaVersion.h"
#include "MainWindow.h"
#include "QuitOnSignal.h"
#include "ScreenshotTaker.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>

#include <cstdio>

ConsoleLauncher::ConsoleLauncher()
{
    QApplication::setOrganizationName(QStringLiteral("ena"));
    QApplication::setApplicationName(QStringLiteral("ena-webhooks-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("ENA Webhooks Console"));
    QApplication::setApplicationVersion(QStringLiteral(ENA_WEBHOOKS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.ena.webhooks.console"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/console/icons/ena-webhooks.svg")));
}

ConsoleLauncher::~ConsoleLauncher() = default;

void ConsoleLauncher::installTranslations(QObject *owner)
{
    // Qt's own strings (standard buttons, dialogs) first, then ours; both follow the system locale.
    auto *qt = new QTranslator(owner);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *ours = new QTranslator(owner);
    if (ours->load(QLocale(), QStringLiteral("ena-webhooks"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
}

int ConsoleLauncher::launch(const QStringList &arguments)
{
    installTranslations(this);
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Desktop admin console for ENA Webhooks."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"), tr("Manage the server at <url> instead of a saved profile."),
                                    tr("url"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"), tr("Read the admin token from <file>."), tr("file"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        tr("Save a picture of the window to <file> and quit."), tr("file"));
    const QCommandLineOption scene(QStringLiteral("scene"),
                                   tr("What the screenshot shows: main, endpoint-dialog, secret, verify."), tr("name"),
                                   QStringLiteral("main"));
    parser.addOptions({server, tokenFile, screenshot, scene});
    parser.process(arguments);

    m_window = std::make_unique<MainWindow>();
    // Logout, kill or a closed terminal quit like the menu does: the window saves its state and
    // the bundled server is stopped cleanly when the window goes.
    auto *quitOnSignal = new QuitOnSignal(this);
    connect(quitOnSignal, &QuitOnSignal::quitRequested, this, [this] {
        m_window->close();
        QApplication::quit();
    });
    if (parser.isSet(server)) {
        QByteArray token = qgetenv("ENA_WEBHOOKS_TOKEN");
        if (parser.isSet(tokenFile)) {
            QFile file(parser.value(tokenFile));
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "%s\n", qUtf8Printable(tr("Cannot read %1: %2").arg(file.fileName(), file.errorString())));
                return 2;
            }
            token = file.readAll().trimmed();
        }
        const QUrl url(parser.value(server), QUrl::StrictMode);
        m_window->connectTo({url.host(), url, token, url.toString(QUrl::RemoveUserInfo)});
    } else {
        auto *controller = new ConnectionController(m_window->vault(), m_window.get());
        m_window->setConnectionController(controller);
        controller->activate(controller->profiles().currentId());
    }
    if (parser.isSet(screenshot))
        new ScreenshotTaker(m_window.get(), parser.value(screenshot), parser.value(scene));
    m_window->show();
    return -1;
}
