#include "AuditLogPage.h"

int AuditLogPage::pageCount() const
{
    return total <= 0 ? 1 : (total + perPage - 1) / perPage;
}
