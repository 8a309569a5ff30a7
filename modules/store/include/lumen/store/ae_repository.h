#pragma once
// The known DICOM application entities: who may associate, where C-MOVE sends, and which room
// and modality a modality's AE stands for (its worklist).
#include <optional>
#include <string>
#include <vector>

namespace lumen::store {

class Database;

struct KnownAe
{
    std::int64_t id = 0;
    std::string aeTitle;
    std::string host;
    int port = 104;
    bool canStore = true;
    bool canQuery = true;
    bool canRetrieve = true;
    std::string description;
    std::string room;     // the exam room it stands in ("CT1"); '' for none
    std::string modality; // what it performs ("CT"); '' for any
};

class AeRepository
{
public:
    explicit AeRepository(Database& db) : m_db(db) {}
    std::vector<KnownAe> all();
    std::optional<KnownAe> find(const std::string& aeTitle);
    // The AEs standing in `room`, by title.
    std::vector<KnownAe> inRoom(const std::string& room);
    // Inserts or updates by AE title; returns the id.
    std::int64_t save(const KnownAe& ae);
    bool remove(const std::string& aeTitle);

private:
    Database& m_db;
};

} // namespace lumen::store
