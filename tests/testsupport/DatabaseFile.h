#pragma once

#include <QString>

// A server's SQLite file reached around the server, through a connection of its own and plain
// file writes: for tests that damage it the way a failing disk or a bad copy would.
class DatabaseFile
{
public:
    explicit DatabaseFile(const QString &path);

    int pageSize() const;
    // The first page of table's B-tree, which every insert into it reads; 0 when unknown.
    int rootPage(const QString &table) const;
    // Copies the write-ahead log into the file and empties it: every page is then read from the
    // file itself, damage included.
    bool checkpoint() const;
    // A small write through this connection. Other connections see that the database changed
    // and drop the pages they cached, so they read the file again.
    bool touch() const;
    // Overwrites page (numbered from 1) with garbage, in place.
    bool overwritePage(int page) const;

private:
    QString m_path;
};
