#pragma once

#include <QByteArrayView>
#include <optional>

// Finds the text of one member's value in a JSON object as it was written, so a published
// event's data is stored and sent byte for byte: large integers keep their digits, and the
// server does not serialize again what the publisher already sent as JSON.
class JsonMemberText
{
public:
    // json must already have parsed as a JSON object. The value's text (from its first to its
    // last character) of the top-level member called name; nothing when the member is missing or
    // appears twice, when any member name is written with escapes (one could spell name), or
    // when the body holds something Qt's parser accepts and JSON does not (a raw control byte or
    // an unknown escape in a string, a number such as "1." or ".5").
    static std::optional<QByteArrayView> find(QByteArrayView json, QByteArrayView name);
};
