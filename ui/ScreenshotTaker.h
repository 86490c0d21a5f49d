#pragma once

#include <QObject>
#include <QString>

class MainWindow;

// For docs/screenshots: waits until the window shows data, sets up one scene, saves a PNG of
// the window in front, then quits. Driven by --screenshot and --scene.
class ScreenshotTaker : public QObject
{
    Q_OBJECT
public:
    ScreenshotTaker(MainWindow *window, const QString &file, const QString &scene);

private:
    void waitForEndpoints();
    void prepareScene();
    void showSampleVerification();
    void grabAndQuit();

    MainWindow *m_window;
    QString m_file;
    QString m_scene;
    int m_waited = 0;
};
