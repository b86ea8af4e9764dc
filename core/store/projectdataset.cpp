// Project: data sets imported from CSV files (file format 3; see dataset.h for the storage).
#include "store/project.h"

#include "store/database.h"
#include "store/rowreader.h"
#include "store/transaction.h"

#include <sqlite3.h>

#include <chrono>

namespace gemba::store {
namespace {

std::int64_t nowWallUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string trimmedName(const std::string& name)
{
    const auto first = name.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return name.substr(first, name.find_last_not_of(" \t\r\n") - first + 1);
}

Expected<bool> writable(const Database& db, const std::string& path)
{
    if (db.readOnly())
        return makeError(ErrorCode::InvalidArgument, "'" + path + "' is open read-only");
    return true;
}

Error nameTaken(const std::string& name)
{
    return makeError(ErrorCode::InvalidArgument,
                     "a data set named '" + name + "' already exists in this project; choose another name");
}

Expected<bool> nameFree(Database& db, const std::string& name, Id except)
{
    auto s = db.cached("SELECT id FROM datasets WHERE name = ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, name);
    auto row = (*s)->step();
    if (!row)
        return row.error();
    return !*row || (*s)->int64(0) == except;
}

Expected<std::string> validName(Database& db, const std::string& given, Id except)
{
    const std::string name = trimmedName(given);
    if (name.empty())
        return makeError(ErrorCode::InvalidArgument, "a data set needs a name");
    auto free = nameFree(db, name, except);
    if (!free)
        return free.error();
    if (!*free)
        return nameTaken(name);
    return name;
}

Expected<std::vector<DataSetColumnInfo>> columnsOf(Database& db, Id id)
{
    auto s = db.cached("SELECT name, is_numeric FROM dataset_columns WHERE dataset_id = ? ORDER BY position");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, id);
    return readRows<DataSetColumnInfo>(**s, [](const Statement& q) {
        return DataSetColumnInfo{q.text(0), q.boolean(1)};
    });
}

Expected<std::vector<DataSetInfo>> readInfos(Database& db, const char* where, const std::string* name, Id id)
{
    auto s = db.prepare(std::string("SELECT id, name, source_file, imported_wall_us, row_count FROM datasets ") +
                        where);
    if (!s)
        return s.error();
    if (name)
        s->bind(1, *name);
    else if (id != 0)
        s->bind(1, id);
    auto infos = readRows<DataSetInfo>(*s, [](const Statement& q) {
        DataSetInfo info;
        info.id = q.int64(0);
        info.name = q.text(1);
        info.sourceFile = q.text(2);
        info.importedWallUs = q.int64(3);
        info.rowCount = q.int64(4);
        return info;
    });
    if (!infos)
        return infos.error();
    for (auto& info : *infos) {
        auto columns = columnsOf(db, info.id);
        if (!columns)
            return columns.error();
        info.columns = std::move(columns).value();
    }
    return infos;
}

Error noDataSet(Id id) { return makeError(ErrorCode::InvalidArgument, "no data set with id " + std::to_string(id)); }

} // namespace

Expected<Id> Project::importDataSet(const std::string& csvPath, const std::string& givenName,
                                    const io::CsvOptions& options)
{
    Database& db = database();
    if (auto ok = writable(db, path()); !ok)
        return ok.error();
    // The name first: a taken name is refused before a big file is read.
    auto name = validName(db, givenName, 0);
    if (!name)
        return name.error();
    auto data = io::readAllColumns(csvPath, options);
    if (!data)
        return data.error();
    if (data->rows == 0)
        return makeError(ErrorCode::EmptyData, csvPath + ": the file has a header but no data rows");

    // Encoded before the transaction, so the write lock is held only for the writes.
    std::vector<std::string> blobs;
    std::vector<bool> numeric;
    blobs.reserve(data->columns.size());
    const auto limit = static_cast<std::size_t>(sqlite3_limit(handle(), SQLITE_LIMIT_LENGTH, -1));
    for (auto& column : data->columns) {
        // readAllColumns fills numbers for a numeric column, texts for a text one (rows > 0).
        numeric.push_back(column.numbers.size() == data->rows);
        blobs.push_back(numeric.back() ? encodeNumbers(column.numbers) : encodeTexts(column.texts));
        if (blobs.back().size() > limit)
            return makeError(ErrorCode::OutOfRange, csvPath + ": column '" + column.name + "' holds " +
                                                        std::to_string(blobs.back().size()) +
                                                        " bytes, more than a project can keep in one column (" +
                                                        std::to_string(limit) + ")");
        // Free the parsed copy as soon as it is encoded: a big file is held once, not twice.
        std::vector<double>().swap(column.numbers);
        std::vector<std::string>().swap(column.texts);
    }

    auto tx = Transaction::begin(db);
    if (!tx)
        return tx.error();
    // Again inside the transaction: another connection may have taken the name meanwhile.
    if (auto free = nameFree(db, *name, 0); !free || !*free)
        return free ? nameTaken(*name) : free.error();
    {
        auto s = db.prepare("INSERT INTO datasets (name, source_file, imported_wall_us, row_count) VALUES (?, ?, ?, ?)");
        if (!s)
            return s.error();
        s->bind(1, *name);
        s->bind(2, csvPath);
        s->bind(3, nowWallUs());
        s->bind(4, static_cast<std::int64_t>(data->rows));
        if (auto ok = s->run(); !ok)
            return ok.error();
    }
    const Id id = db.lastInsertRowid();
    auto s = db.prepare("INSERT INTO dataset_columns (dataset_id, position, name, is_numeric, data) "
                        "VALUES (?, ?, ?, ?, ?)");
    if (!s)
        return s.error();
    for (std::size_t i = 0; i < blobs.size(); ++i) {
        const auto& column = data->columns[i];
        s->bind(1, id);
        s->bind(2, static_cast<std::int64_t>(i));
        s->bind(3, column.name);
        s->bind(4, static_cast<bool>(numeric[i]));
        s->bindBlobStatic(5, blobs[i]);
        auto ok = s->run();
        s->reset();
        if (!ok)
            return ok.error();
    }
    if (auto ok = tx->commit(); !ok)
        return ok.error();
    return id;
}

// The const readers share the connection's statement cache, which the const interface does
// not change in any way a caller can see.
Expected<std::vector<DataSetInfo>> Project::dataSets() const
{
    return readInfos(const_cast<Project*>(this)->database(), "ORDER BY name, id", nullptr, 0);
}

Expected<DataSetInfo> Project::dataSet(Id id) const
{
    auto infos = readInfos(const_cast<Project*>(this)->database(), "WHERE id = ?", nullptr, id);
    if (!infos)
        return infos.error();
    if (infos->empty())
        return noDataSet(id);
    return std::move(infos->front());
}

Expected<std::optional<DataSetInfo>> Project::findDataSet(const std::string& name) const
{
    auto infos = readInfos(const_cast<Project*>(this)->database(), "WHERE name = ?", &name, 0);
    if (!infos)
        return infos.error();
    if (infos->empty())
        return std::optional<DataSetInfo>();
    return std::optional<DataSetInfo>(std::move(infos->front()));
}

Expected<DataColumn> Project::dataSetColumn(Id id, const std::string& columnName) const
{
    Database& db = const_cast<Project*>(this)->database();
    auto info = dataSet(id);
    if (!info)
        return info.error();
    auto s = db.cached("SELECT is_numeric, data FROM dataset_columns WHERE dataset_id = ? AND name = ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, id);
    (*s)->bind(2, columnName);
    auto row = (*s)->step();
    if (!row)
        return row.error();
    if (!*row) {
        std::string names;
        for (const auto& c : info->columns)
            names += (names.empty() ? "'" : ", '") + c.name + "'";
        return makeError(ErrorCode::InvalidArgument, "data set '" + info->name + "' has no column named '" +
                                                         columnName + "'; its columns are " + names);
    }
    DataColumn column;
    column.name = columnName;
    column.numeric = (*s)->boolean(0);
    const std::string_view bytes = (*s)->blobView(1);
    if (column.numeric) {
        auto numbers = decodeNumbers(bytes, info->rowCount);
        if (!numbers)
            return makeError(ErrorCode::IoError, "'" + path() + "': " + numbers.error().message);
        column.numbers = std::move(numbers).value();
    } else {
        auto texts = decodeTexts(bytes, info->rowCount);
        if (!texts)
            return makeError(ErrorCode::IoError, "'" + path() + "': " + texts.error().message);
        column.texts = std::move(texts).value();
    }
    return column;
}

Expected<bool> Project::renameDataSet(Id id, const std::string& givenName)
{
    Database& db = database();
    if (auto ok = writable(db, path()); !ok)
        return ok;
    auto name = validName(db, givenName, id);
    if (!name)
        return name.error();
    auto s = db.prepare("UPDATE datasets SET name = ? WHERE id = ?");
    if (!s)
        return s.error();
    s->bind(1, *name);
    s->bind(2, id);
    if (auto ok = s->run(); !ok)
        return ok;
    if (db.changes() == 0)
        return noDataSet(id);
    return true;
}

Expected<bool> Project::removeDataSet(Id id)
{
    Database& db = database();
    if (auto ok = writable(db, path()); !ok)
        return ok;
    // The foreign keys cascade to its columns and its charts.
    auto s = db.prepare("DELETE FROM datasets WHERE id = ?");
    if (!s)
        return s.error();
    s->bind(1, id);
    if (auto ok = s->run(); !ok)
        return ok;
    if (db.changes() == 0)
        return noDataSet(id);
    return true;
}

} // namespace gemba::store
