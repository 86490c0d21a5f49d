#include "ConsoleLauncher.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    ConsoleLauncher launcher;
    if (const int exitCode = launcher.launch(QApplication::arguments()); exitCode >= 0)
        return exitCode;
    return QApplication::exec();
}
