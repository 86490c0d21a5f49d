<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApiAnswer</name>
    <message>
        <source>no version</source>
        <translation>keine Version</translation>
    </message>
    <message>
        <source>no &quot;data&quot; list</source>
        <translation>keine &quot;data&quot;-Liste</translation>
    </message>
    <message>
        <source>event type %1 is malformed</source>
        <translation>Ereignistyp %1 ist fehlerhaft</translation>
    </message>
    <message>
        <source>an endpoint has an invalid id</source>
        <translation>ein Endpunkt hat eine ungültige ID</translation>
    </message>
    <message>
        <source>endpoint %1 has no URL of at most %2 characters</source>
        <translation>Endpunkt %1 hat keine URL mit höchstens %2 Zeichen</translation>
    </message>
    <message>
        <source>endpoint %1 is malformed</source>
        <translation>Endpunkt %1 ist fehlerhaft</translation>
    </message>
    <message>
        <source>two endpoints have the id %1</source>
        <translation>zwei Endpunkte haben die ID %1</translation>
    </message>
    <message>
        <source>no signing secret</source>
        <translation>kein Signaturgeheimnis</translation>
    </message>
    <message>
        <source>no page, per_page and total counts</source>
        <translation>keine Angaben zu page, per_page und total</translation>
    </message>
    <message>
        <source>a delivery has an invalid id</source>
        <translation>eine Zustellung hat eine ungültige ID</translation>
    </message>
    <message>
        <source>delivery %1 is malformed</source>
        <translation>Zustellung %1 ist fehlerhaft</translation>
    </message>
    <message>
        <source>two deliveries have the id %1</source>
        <translation>zwei Zustellungen haben die ID %1</translation>
    </message>
    <message>
        <source>counts beyond what the console can page through</source>
        <translation>Anzahlen, die die Konsole nicht durchblättern kann</translation>
    </message>
    <message>
        <source>an audit log entry is malformed</source>
        <translation>ein Eintrag im Audit-Log ist fehlerhaft</translation>
    </message>
</context>
<context>
    <name>ApiClient</name>
    <message>
        <source>Check server health</source>
        <translation>Serverzustand prüfen</translation>
    </message>
    <message>
        <source>Load event types</source>
        <translation>Ereignistypen laden</translation>
    </message>
    <message>
        <source>Load endpoints</source>
        <translation>Endpunkte laden</translation>
    </message>
    <message>
        <source>Load endpoint</source>
        <translation>Endpunkt laden</translation>
    </message>
    <message>
        <source>Create endpoint</source>
        <translation>Endpunkt anlegen</translation>
    </message>
    <message>
        <source>Update endpoint</source>
        <translation>Endpunkt ändern</translation>
    </message>
    <message>
        <source>Delete endpoint</source>
        <translation>Endpunkt löschen</translation>
    </message>
    <message>
        <source>Rotate secret</source>
        <translation>Geheimnis erneuern</translation>
    </message>
    <message>
        <source>Load delivery history</source>
        <translation>Zustellverlauf laden</translation>
    </message>
    <message>
        <source>Load delivery</source>
        <translation>Zustellung laden</translation>
    </message>
    <message>
        <source>Retry delivery</source>
        <translation>Zustellung wiederholen</translation>
    </message>
    <message>
        <source>Send test event</source>
        <translation>Testereignis senden</translation>
    </message>
    <message>
        <source>unexpected redirect to %1</source>
        <translation>unerwartete Weiterleitung nach %1</translation>
    </message>
    <message>
        <source>unexpected answer: %1</source>
        <translation>unerwartete Antwort: %1</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <source>Load audit log</source>
        <translation>Audit-Protokoll laden</translation>
    </message>
    <message>
        <source>the server&apos;s certificate has CHANGED since you trusted it. This can be a man-in-the-middle attack; connect only if the server&apos;s administrator confirms the new certificate. New SHA-256 fingerprint: %1 (trusted: %2)</source>
        <translation>das Zertifikat des Servers hat sich GEÄNDERT, seit Sie ihm vertraut haben. Das kann ein Man-in-the-Middle-Angriff sein; verbinden Sie sich nur, wenn die Administration des Servers das neue Zertifikat bestätigt. Neuer SHA-256-Fingerabdruck: %1 (vertraut: %2)</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted (%1). SHA-256 fingerprint: %2</source>
        <translation>dem Zertifikat des Servers wird nicht vertraut (%1). SHA-256-Fingerabdruck: %2</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>kein JSON</translation>
    </message>
    <message>
        <source>the server sent an answer the console does not understand (%1 %2: %3)</source>
        <translation>der Server hat eine Antwort geschickt, die die Konsole nicht versteht (%1 %2: %3)</translation>
    </message>
    <message>
        <source>the answer is larger than %1 MiB, which the console does not read (%2 %3)</source>
        <translation>die Antwort ist größer als %1 MiB und wird von der Konsole nicht gelesen (%2 %3)</translation>
    </message>
    <message>
        <source>the server listed an id the console does not accept; nothing was sent</source>
        <translation>der Server hat eine ID geliefert, die die Konsole nicht akzeptiert; es wurde nichts gesendet</translation>
    </message>
</context>
<context>
    <name>ApiFailure</name>
    <message>
        <source>%1 failed: cannot reach the server (%2)</source>
        <translation>%1 fehlgeschlagen: Server nicht erreichbar (%2)</translation>
    </message>
    <message>
        <source>%1 failed (HTTP %2): %3</source>
        <translation>%1 fehlgeschlagen (HTTP %2): %3</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Audit Log</source>
        <translation>Audit-Protokoll</translation>
    </message>
    <message numerus="yes">
        <source>%n per page</source>
        <translation>
            <numerusform>%n pro Seite</numerusform>
            <numerusform>%n pro Seite</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message numerus="yes">
        <source>Page %1 of %2 (%n entries)</source>
        <translation>
            <numerusform>Seite %1 von %2 (%n Eintrag)</numerusform>
            <numerusform>Seite %1 von %2 (%n Einträge)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditLogTableModel</name>
    <message>
        <source>Endpoint created</source>
        <translation>Endpunkt angelegt</translation>
    </message>
    <message>
        <source>Endpoint updated</source>
        <translation>Endpunkt geändert</translation>
    </message>
    <message>
        <source>Endpoint deleted</source>
        <translation>Endpunkt gelöscht</translation>
    </message>
    <message>
        <source>Secret rotated</source>
        <translation>Geheimnis erneuert</translation>
    </message>
    <message>
        <source>Test event sent</source>
        <translation>Testereignis gesendet</translation>
    </message>
    <message>
        <source>Delivery retried</source>
        <translation>Zustellung wiederholt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>Client address</source>
        <translation>Client-Adresse</translation>
    </message>
</context>
<context>
    <name>BundledServer</name>
    <message>
        <source>Cannot start the bundled server %1: %2</source>
        <translation>Der mitgelieferte Server %1 lässt sich nicht starten: %2</translation>
    </message>
    <message>
        <source>Cannot read the bundled server&apos;s admin token from the keychain: %1</source>
        <translation>Das Admin-Token des mitgelieferten Servers lässt sich nicht aus dem Schlüsselbund lesen: %1</translation>
    </message>
    <message>
        <source>Cannot keep the bundled server&apos;s admin token in the keychain: %1</source>
        <translation>Das Admin-Token des mitgelieferten Servers lässt sich nicht im Schlüsselbund ablegen: %1</translation>
    </message>
    <message>
        <source>Cannot create the data directory %1</source>
        <translation>Das Datenverzeichnis %1 lässt sich nicht anlegen</translation>
    </message>
    <message>
        <source>The bundled server announced something unexpected: %1</source>
        <translation>Der mitgelieferte Server meldete Unerwartetes: %1</translation>
    </message>
    <message>
        <source>The bundled server crashed</source>
        <translation>Der mitgelieferte Server ist abgestürzt</translation>
    </message>
    <message>
        <source>The bundled server stopped with exit code %1</source>
        <translation>Der mitgelieferte Server wurde mit Exit-Code %1 beendet</translation>
    </message>
</context>
<context>
    <name>CertificateTrustDialog</name>
    <message>
        <source>Server Certificate Changed</source>
        <translation>Serverzertifikat geändert</translation>
    </message>
    <message>
        <source>Untrusted Server Certificate</source>
        <translation>Nicht vertrauenswürdiges Serverzertifikat</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Warning: %1 presents a different certificate than the one you trusted.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Someone may be intercepting the connection (a man-in-the-middle attack). Trust the new certificate only if the server&apos;s administrator confirms that it was replaced.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Warnung: %1 zeigt ein anderes Zertifikat als das, dem Sie vertraut haben.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Möglicherweise fängt jemand die Verbindung ab (ein Man-in-the-Middle-Angriff). Vertrauen Sie dem neuen Zertifikat nur, wenn die Administration des Servers bestätigt, dass es ersetzt wurde.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The certificate of %1 cannot be verified (%2).&lt;/p&gt;&lt;p&gt;If the server uses a self-signed certificate, compare the fingerprint below with the one the server logs at start (&lt;i&gt;certificate SHA-256 fingerprint&lt;/i&gt;) before you trust it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Das Zertifikat von %1 kann nicht geprüft werden (%2).&lt;/p&gt;&lt;p&gt;Wenn der Server ein selbst signiertes Zertifikat verwendet, vergleichen Sie den Fingerabdruck unten mit dem, den der Server beim Start protokolliert (&lt;i&gt;certificate SHA-256 fingerprint&lt;/i&gt;), bevor Sie ihm vertrauen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1</source>
        <translation>SHA-256-Fingerabdruck: %1</translation>
    </message>
    <message>
        <source>Previously trusted: %1</source>
        <translation>Bisher vertraut: %1</translation>
    </message>
    <message>
        <source>&amp;Trust This Certificate</source>
        <translation>Diesem Zertifikat &amp;vertrauen</translation>
    </message>
</context>
<context>
    <name>ConnectionController</name>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Unknown server profile %1</source>
        <translation>Unbekanntes Serverprofil %1</translation>
    </message>
    <message>
        <source>Cannot read the token of %1 from the keychain: %2</source>
        <translation>Das Token von %1 lässt sich nicht aus dem Schlüsselbund lesen: %2</translation>
    </message>
    <message>
        <source>Cannot keep the token in the keychain: %1</source>
        <translation>Das Token lässt sich nicht im Schlüsselbund ablegen: %1</translation>
    </message>
</context>
<context>
    <name>ConsoleLauncher</name>
    <message>
        <source>Desktop admin console for ENA Webhooks.</source>
        <translation>Desktop-Verwaltungskonsole für ENA Webhooks.</translation>
    </message>
    <message>
        <source>Manage the server at &lt;url&gt; instead of a saved profile.</source>
        <translation>Den Server unter &lt;url&gt; statt eines gespeicherten Profils verwalten.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Read the admin token from &lt;file&gt;.</source>
        <translation>Das Admin-Token aus &lt;datei&gt; lesen.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>datei</translation>
    </message>
    <message>
        <source>Save a picture of the window to &lt;file&gt; and quit.</source>
        <translation>Ein Bild des Fensters in &lt;datei&gt; speichern und beenden.</translation>
    </message>
    <message>
        <source>What the screenshot shows: main, endpoint-dialog, secret, verify.</source>
        <translation>Was das Bildschirmfoto zeigt: main, endpoint-dialog, secret, verify.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
</context>
<context>
    <name>DeliveryChart</name>
    <message>
        <source>The endpoint&apos;s most recent deliveries over time, by outcome</source>
        <translation>Die letzten Zustellungen des Endpunkts im Zeitverlauf, nach Ergebnis</translation>
    </message>
    <message>
        <source>No deliveries yet</source>
        <translation>Noch keine Zustellungen</translation>
    </message>
    <message numerus="yes">
        <source>max %n per bar</source>
        <translation>
            <numerusform>höchstens %n pro Balken</numerusform>
            <numerusform>höchstens %n pro Balken</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeliveryDetailView</name>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Response body of the selected attempt</source>
        <translation>Antwortinhalt des gewählten Versuchs</translation>
    </message>
    <message>
        <source>Select a delivery to see its attempts.</source>
        <translation>Wählen Sie eine Zustellung, um ihre Versuche zu sehen.</translation>
    </message>
    <message>
        <source>%1 · %2 · event %3 · %4</source>
        <translation>%1 · %2 · Ereignis %3 · %4</translation>
    </message>
    <message>
        <source>Next attempt: %1</source>
        <translation>Nächster Versuch: %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>DeliveryFilterBar</name>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Unchecked: any time</source>
        <translation>Nicht angehakt: beliebige Zeit</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message numerus="yes">
        <source>%n per page</source>
        <translation>
            <numerusform>%n pro Seite</numerusform>
            <numerusform>%n pro Seite</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeliveryHistoryPanel</name>
    <message>
        <source>Auto-refresh</source>
        <translation>Automatisch aktualisieren</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Vorherige Seite</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Nächste Seite</translation>
    </message>
    <message>
        <source>Reload the history every few seconds while it is visible</source>
        <translation>Den Verlauf alle paar Sekunden neu laden, solange er sichtbar ist</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>Matching deliveries: %1</source>
        <translation>Passende Zustellungen: %1</translation>
    </message>
    <message>
        <source>Retrying deliveries: %1…</source>
        <translation>Zustellungen werden wiederholt: %1 …</translation>
    </message>
</context>
<context>
    <name>DeliveryTableModel</name>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>%1 (test)</source>
        <translation>%1 (Test)</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Delivered at</source>
        <translation>Zugestellt am</translation>
    </message>
</context>
<context>
    <name>EndpointActions</name>
    <message>
        <source>Endpoint saved</source>
        <translation>Endpunkt gespeichert</translation>
    </message>
    <message>
        <source>Delete Endpoint</source>
        <translation>Endpunkt löschen</translation>
    </message>
    <message>
        <source>Delete the endpoint %1?

No further events will be delivered to it, its delivery history is deleted, and its secret is removed from the keychain.</source>
        <translation>Den Endpunkt %1 löschen?

Er erhält keine Ereignisse mehr, sein Zustellverlauf wird gelöscht und sein Geheimnis aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>Rotate Secret</source>
        <translation>Geheimnis erneuern</translation>
    </message>
    <message>
        <source>Create a new signing secret for %1?

The old secret stops working immediately: every delivery from now on is signed with the new one, so update your receiver right away.</source>
        <translation>Ein neues Signaturgeheimnis für %1 erzeugen?

Das alte Geheimnis ist sofort ungültig: Jede Zustellung wird ab jetzt mit dem neuen signiert, aktualisieren Sie Ihren Empfänger also umgehend.</translation>
    </message>
    <message>
        <source>&amp;Rotate</source>
        <translation>&amp;Erneuern</translation>
    </message>
    <message>
        <source>Test event queued as %1</source>
        <translation>Testereignis als %1 eingereiht</translation>
    </message>
    <message>
        <source>Secret saved in the keychain</source>
        <translation>Geheimnis im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>The secret could not be removed from the keychain: %1</source>
        <translation>Das Geheimnis konnte nicht aus dem Schlüsselbund entfernt werden: %1</translation>
    </message>
    <message>
        <source>Endpoint %1 saved, but: %2</source>
        <translation>Endpunkt %1 gespeichert, aber: %2</translation>
    </message>
    <message>
        <source>Creating %1 got no answer (%2). The server may have created the endpoint all the same; reloading the list to find out…</source>
        <translation>Auf das Anlegen von %1 kam keine Antwort (%2). Der Server hat den Endpunkt möglicherweise trotzdem angelegt; die Liste wird neu geladen, um das zu klären …</translation>
    </message>
    <message>
        <source>%1 is not in the endpoint list: the server did not create it. Create it again with New Endpoint.</source>
        <translation>%1 steht nicht in der Endpunktliste: Der Server hat ihn nicht angelegt. Legen Sie ihn mit „Neuer Endpunkt“ erneut an.</translation>
    </message>
    <message>
        <source>The server did create %1 (selected), but its signing secret never arrived. Rotate the secret to get one you can use.</source>
        <translation>Der Server hat %1 doch angelegt (ausgewählt), aber sein Signaturgeheimnis kam nie an. Erneuern Sie das Geheimnis, um eines zu erhalten, das Sie verwenden können.</translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <source>All events, current and future</source>
        <translation>Alle Ereignisse, jetzige und künftige</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>New Endpoint</source>
        <translation>Neuer Endpunkt</translation>
    </message>
    <message>
        <source>https://hooks.example.com/ena</source>
        <translation>https://hooks.example.com/ena</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Ereignisse:</translation>
    </message>
    <message>
        <source>Edit Endpoint</source>
        <translation>Endpunkt bearbeiten</translation>
    </message>
    <message>
        <source>Enter the URL that should receive the webhooks.</source>
        <translation>Geben Sie die URL ein, die die Webhooks empfangen soll.</translation>
    </message>
    <message>
        <source>The URL is longer than 2048 characters.</source>
        <translation>Die URL ist länger als 2048 Zeichen.</translation>
    </message>
    <message>
        <source>Enter an absolute URL such as https://hooks.example.com/ena.</source>
        <translation>Geben Sie eine absolute URL ein, etwa https://hooks.example.com/ena.</translation>
    </message>
    <message>
        <source>Only http and https URLs can receive webhooks.</source>
        <translation>Nur http- und https-URLs können Webhooks empfangen.</translation>
    </message>
    <message>
        <source>The URL needs a host name.</source>
        <translation>Die URL braucht einen Hostnamen.</translation>
    </message>
</context>
<context>
    <name>EndpointTableModel</name>
    <message>
        <source>All events</source>
        <translation>Alle Ereignisse</translation>
    </message>
    <message>
        <source>All events, current and future</source>
        <translation>Alle Ereignisse, jetzige und künftige</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ENA Webhooks Console</source>
        <translation>ENA-Webhooks-Konsole</translation>
    </message>
    <message>
        <source>&amp;New Endpoint…</source>
        <translation>&amp;Neuer Endpunkt …</translation>
    </message>
    <message>
        <source>&amp;Edit Endpoint…</source>
        <translation>Endpunkt &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Delete Endpoint…</source>
        <translation>Endpunkt &amp;löschen …</translation>
    </message>
    <message>
        <source>Rotate &amp;Secret…</source>
        <translation>&amp;Geheimnis erneuern …</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Send &amp;Test Event…</source>
        <translation>&amp;Testereignis senden …</translation>
    </message>
    <message>
        <source>Re&amp;try Delivery</source>
        <translation>Zustellung &amp;wiederholen</translation>
    </message>
    <message>
        <source>&amp;Verify Signature…</source>
        <translation>Signatur &amp;prüfen …</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Connect To</source>
        <translation>&amp;Verbinden mit</translation>
    </message>
    <message>
        <source>&amp;Add Remote Server…</source>
        <translation>Entfernten Server &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Endpoint</source>
        <translation>&amp;Endpunkt</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About ENA Webhooks Console</source>
        <translation>&amp;Über die ENA-Webhooks-Konsole</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Filter endpoints</source>
        <translation>Endpunkte filtern</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Talking to the server…</source>
        <translation>Spreche mit dem Server …</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <source>&amp;Remove This Server</source>
        <translation>Diesen Server &amp;entfernen</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
        <source>Server %1</source>
        <translation>Server %1</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Cannot reach %1 (%2), retrying…</source>
        <translation>%1 nicht erreichbar (%2), neuer Versuch folgt …</translation>
    </message>
    <message>
        <source>Endpoint enabled</source>
        <translation>Endpunkt aktiviert</translation>
    </message>
    <message>
        <source>Endpoint disabled</source>
        <translation>Endpunkt deaktiviert</translation>
    </message>
    <message>
        <source>About ENA Webhooks Console</source>
        <translation>Über die ENA-Webhooks-Konsole</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ENA Webhooks Console %1&lt;/h3&gt;&lt;p&gt;Manage webhook endpoints, follow deliveries, send tests and verify signatures of an ENA Webhooks server.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ENA-Webhooks-Konsole %1&lt;/h3&gt;&lt;p&gt;Webhook-Endpunkte verwalten, Zustellungen verfolgen, Tests senden und Signaturen eines ENA-Webhooks-Servers prüfen.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Audit &amp;Log…</source>
        <translation>Audit-&amp;Protokoll…</translation>
    </message>
    <message>
        <source>Certificate of %1 not trusted</source>
        <translation>Dem Zertifikat von %1 wird nicht vertraut</translation>
    </message>
    <message>
        <source>Connected to %1, but its last answer was not understood: the list shown may be out of date</source>
        <translation>Verbunden mit %1, aber seine letzte Antwort war unverständlich: die angezeigte Liste ist möglicherweise veraltet</translation>
    </message>
    <message>
        <source>Out of date: the server&apos;s last answer was not understood</source>
        <translation>Veraltet: Die letzte Antwort des Servers war unverständlich</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Copy full message</source>
        <translation>Ganze Meldung kopieren</translation>
    </message>
    <message>
        <source>The message is shortened here; this copies all of it</source>
        <translation>Die Meldung ist hier gekürzt; dies kopiert sie vollständig</translation>
    </message>
</context>
<context>
    <name>RemoteServerDialog</name>
    <message>
        <source>Add Remote Server</source>
        <translation>Entfernten Server hinzufügen</translation>
    </message>
    <message>
        <source>https://webhooks.example.com</source>
        <translation>https://webhooks.example.com</translation>
    </message>
    <message>
        <source>The admin token is kept in the system keychain.</source>
        <translation>Das Admin-Token wird im Schlüsselbund des Systems aufbewahrt.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>Admin &amp;token:</source>
        <translation>Admin-&amp;Token:</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <source>Save in keychain</source>
        <translation>Im Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>Signing Secret</source>
        <translation>Signaturgeheimnis</translation>
    </message>
    <message>
        <source>Keeps the secret in the system keychain so the Verify Signature tool can use it.</source>
        <translation>Bewahrt das Geheimnis im Schlüsselbund des Systems auf, damit das Werkzeug „Signatur prüfen“ es nutzen kann.</translation>
    </message>
    <message>
        <source>The signing secret of %1:</source>
        <translation>Das Signaturgeheimnis von %1:</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>This secret will not be shown again. Copy it into your receiver now; if it is lost you must rotate the secret.</source>
        <translation>Dieses Geheimnis wird nicht noch einmal angezeigt. Kopieren Sie es jetzt in Ihren Empfänger; geht es verloren, müssen Sie das Geheimnis erneuern.</translation>
    </message>
    <message>
        <source>Checking the keychain…</source>
        <translation>Schlüsselbund wird geprüft …</translation>
    </message>
    <message>
        <source>No keychain is reachable (%1), so the secret cannot be saved there. Copy it now.</source>
        <translation>Kein Schlüsselbund erreichbar (%1), daher kann das Geheimnis dort nicht gespeichert werden. Kopieren Sie es jetzt.</translation>
    </message>
    <message>
        <source>Saving in the keychain…</source>
        <translation>Wird im Schlüsselbund gespeichert …</translation>
    </message>
    <message>
        <source>The secret could not be saved in the keychain (%1). Copy it now, or tick the box to try again.</source>
        <translation>Das Geheimnis konnte nicht im Schlüsselbund gespeichert werden (%1). Kopieren Sie es jetzt oder setzen Sie das Häkchen, um es erneut zu versuchen.</translation>
    </message>
</context>
<context>
    <name>SendTestDialog</name>
    <message>
        <source>Send Test Event</source>
        <translation>Testereignis senden</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>Endpunkt:</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Ereignis:</translation>
    </message>
    <message>
        <source>Sample data:</source>
        <translation>Beispieldaten:</translation>
    </message>
    <message>
        <source>The payload is marked with &quot;test&quot;: true.</source>
        <translation>Die Nutzdaten sind mit &quot;test&quot;: true gekennzeichnet.</translation>
    </message>
</context>
<context>
    <name>ServerProfiles</name>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
</context>
<context>
    <name>ServerText</name>
    <message numerus="yes">
        <source>… (%n more characters)</source>
        <translation>
            <numerusform>… (%n weiteres Zeichen)</numerusform>
            <numerusform>… (%n weitere Zeichen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifySignatureDialog</name>
    <message>
        <source>Verify Signature</source>
        <translation>Signatur prüfen</translation>
    </message>
    <message>
        <source>Unix seconds, e.g. 1614265330</source>
        <translation>Unix-Sekunden, z. B. 1614265330</translation>
    </message>
    <message>
        <source>The raw request body, exactly as received</source>
        <translation>Der unveränderte Anfrageinhalt, genau wie empfangen</translation>
    </message>
    <message>
        <source>Paste a secret</source>
        <translation>Geheimnis einfügen</translation>
    </message>
    <message>
        <source>Endpoint %1 (secret from keychain)</source>
        <translation>Endpunkt %1 (Geheimnis aus dem Schlüsselbund)</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>&amp;Inhalt:</translation>
    </message>
    <message>
        <source>Secret &amp;from:</source>
        <translation>Geheimnis &amp;aus:</translation>
    </message>
    <message>
        <source>S&amp;ecret:</source>
        <translation>G&amp;eheimnis:</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Reading the secret from the keychain…</source>
        <translation>Lese das Geheimnis aus dem Schlüsselbund …</translation>
    </message>
    <message>
        <source>Cannot read the keychain: %1</source>
        <translation>Der Schlüsselbund lässt sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>No secret for this endpoint in the keychain. Paste it, or rotate the secret and save it.</source>
        <translation>Kein Geheimnis für diesen Endpunkt im Schlüsselbund. Fügen Sie es ein oder erneuern Sie das Geheimnis und speichern Sie es.</translation>
    </message>
    <message>
        <source>Valid signature.</source>
        <translation>Gültige Signatur.</translation>
    </message>
    <message>
        <source>Invalid signature: it was not made with this secret over this id, timestamp and body.</source>
        <translation>Ungültige Signatur: Sie wurde nicht mit diesem Geheimnis über diese ID, diesen Zeitstempel und diesen Inhalt erstellt.</translation>
    </message>
    <message>
        <source>The secret is not valid: expected whs_ followed by base64.</source>
        <translation>Das Geheimnis ist ungültig: erwartet wird whs_ gefolgt von Base64.</translation>
    </message>
    <message>
        <source>The timestamp must be Unix seconds.</source>
        <translation>Der Zeitstempel muss in Unix-Sekunden angegeben sein.</translation>
    </message>
    <message>
        <source>Fill in webhook-id, webhook-signature and a secret.</source>
        <translation>Füllen Sie webhook-id, webhook-signature und ein Geheimnis aus.</translation>
    </message>
    <message>
        <source>Receivers reject timestamps more than 5 minutes off.</source>
        <translation>Empfänger lehnen Zeitstempel ab, die mehr als 5 Minuten abweichen.</translation>
    </message>
    <message>
        <source>The timestamp lies %1 s in the future.</source>
        <translation>Der Zeitstempel liegt %1 s in der Zukunft.</translation>
    </message>
    <message>
        <source>Age of the timestamp: %1 s.</source>
        <translation>Alter des Zeitstempels: %1 s.</translation>
    </message>
</context>
</TS>
