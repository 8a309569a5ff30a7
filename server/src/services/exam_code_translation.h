#pragma once
// Fills what an order left out from the exam dictionary: HIS item codes give the exam method
// (and the body part, department and modality when the row has them), HIS body part codes give
// the body part. What the order states itself wins. Used by REST orders and HIS messages alike.
#include "lumen/core/exam.h"

namespace lumen::store {
class Database;
}

namespace lumen::server {

// `departmentGiven`: the order named its department (otherwise the first item's row must).
// Throws core::Error 422 "unknown_his_code" naming the item field when a code is not in the
// dictionary, and 400 "missing_field" when the department is neither given nor mapped.
void translateHisCodes(store::Database& db, core::Exam& exam, bool departmentGiven);

} // namespace lumen::server
