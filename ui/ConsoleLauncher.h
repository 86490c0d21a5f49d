#pragma once

#include <QObject>
#include <QStringList>
#include <QTranslator>
#include <memory>

class ConnectionController;
class MainWindow;

// Everything main() does: application identity, translations, command line, and either an
// explicit server (--server/--token-file) or the saved profiles with the bundled server.
class ConsoleLauncher : public QObject
{
    Q_OBJECT
public:
    ConsoleLauncher();
    ~ConsoleLauncher() override;

    // Returns an exit code to leave with at once, or -1 to run the event loop.
    int launch(const QStringList &arguments);

    static void installTranslations(QObject *owner);

private:
    std::unique_ptr<MainWindow> m_window;
};
