#pragma once

#include "AuditLogPage.h"

#include <QDialog>

class ApiClient;
class AuditLogTableModel;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

// Server → Audit Log…: who changed what on the server, newest first, page by page.
class AuditLogDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AuditLogDialog(ApiClient *api, QWidget *parent = nullptr);

    AuditLogTableModel *model() const { return m_model; }
    int page() const { return m_page; }
    void refresh();

signals:
    void pageLoaded();

private:
    void createWidgets();
    void showPage(const AuditLogPage &page);
    void goTo(int page);

    ApiClient *m_api;
    AuditLogTableModel *m_model;
    QTableView *m_table = nullptr;
    QComboBox *m_pageSize = nullptr;
    QLabel *m_pageLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_previous = nullptr;
    QPushButton *m_next = nullptr;
    int m_page = 1;
    int m_pageCount = 1;
};
