#pragma once

#include <QWidget>

// The first visible child of type T: dialogs are opened non-blocking and kept hidden after
// use, so tests look for the one on screen.
template<typename T>
T *visibleChild(const QWidget *parent)
{
    for (T *widget : parent->findChildren<T *>()) {
        if (widget->isVisible())
            return widget;
    }
    return nullptr;
}
