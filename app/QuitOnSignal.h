#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGTERM, SIGINT and SIGHUP (logout, kill, a closed terminal) into a quitRequested()
// signal in the event loop, so the console quits as if the admin chose Quit: its windows save
// their state and the bundled server is stopped cleanly instead of being left running.
// A signal handler may do almost nothing, so it only writes the signal number into a pipe.
class QuitOnSignal : public QObject
{
    Q_OBJECT
public:
    explicit QuitOnSignal(QObject *parent = nullptr);
    ~QuitOnSignal() override;

signals:
    void quitRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};
