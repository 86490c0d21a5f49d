#pragma once

// What a 202 Accepted survives. PowerLoss (the default) syncs the write-ahead log to disk in
// every commit (synchronous=FULL); ProcessCrash skips that sync (synchronous=NORMAL): a crash
// of the server loses nothing, but power loss or an OS crash can take back the last commits
// after their 202 was sent.
enum class Durability { PowerLoss, ProcessCrash };
