#include "services/dicom_query_mapping.h"

#include "lumen/dicom/character_set.h"

#include <algorithm>
#include <array>

namespace lumen::server {

namespace {

constexpr std::uint32_t tag(std::uint16_t g, std::uint16_t e)
{
    return std::uint32_t(g) << 16 | e;
}
std::uint32_t tagOf(const dicom::DicomKey& k)
{
    return tag(k.group, k.element);
}

// Columns of a level's own table and above may be matched at that level.
bool allowedAt(const char* column, dicom::QueryLevel level)
{
    const std::string_view c(column);
    if (c.rfind("se.", 0) == 0)
        return level == dicom::QueryLevel::Series || level == dicom::QueryLevel::Image;
    if (c.rfind("i.", 0) == 0)
        return level == dicom::QueryLevel::Image;
    return true;
}

// Every attribute the archive knows; those with an index column can be matched.
constexpr std::array<AttributeInfo, 33> attributes = {{
    {tag(0x0008, 0x0005), "SpecificCharacterSet", "CS"},
    {tag(0x0008, 0x0016), "SOPClassUID", "UI", "i.sop_class_uid", core::MatchStyle::Uid},
    {tag(0x0008, 0x0018), "SOPInstanceUID", "UI", "i.sop_instance_uid", core::MatchStyle::Uid},
    {tag(0x0008, 0x0020), "StudyDate", "DA", "st.study_date", core::MatchStyle::DateTime},
    {tag(0x0008, 0x0030), "StudyTime", "TM", "st.study_time", core::MatchStyle::DateTime},
    {tag(0x0008, 0x0050), "AccessionNumber", "SH", "st.accession_number", core::MatchStyle::Text},
    {tag(0x0008, 0x0052), "QueryRetrieveLevel", "CS"},
    {tag(0x0008, 0x0054), "RetrieveAETitle", "AE"},
    {tag(0x0008, 0x0060), "Modality", "CS", "se.modality", core::MatchStyle::Text},
    {tag(0x0008, 0x0061), "ModalitiesInStudy", "CS"},
    {tag(0x0008, 0x0090), "ReferringPhysicianName", "PN", "st.referring_physician", core::MatchStyle::Text},
    {tag(0x0008, 0x1030), "StudyDescription", "LO", "st.study_description", core::MatchStyle::Text},
    {tag(0x0008, 0x103E), "SeriesDescription", "LO", "se.series_description", core::MatchStyle::Text},
    {tag(0x0010, 0x0010), "PatientName", "PN", "st.patient_name_key", core::MatchStyle::PersonName},
    {tag(0x0010, 0x0020), "PatientID", "LO", "st.dicom_patient_id", core::MatchStyle::Text},
    {tag(0x0010, 0x0021), "IssuerOfPatientID", "LO", "st.issuer_of_patient_id", core::MatchStyle::Text},
    {tag(0x0010, 0x0030), "PatientBirthDate", "DA", "st.patient_birth_date", core::MatchStyle::DateTime},
    {tag(0x0010, 0x0040), "PatientSex", "CS", "st.patient_sex", core::MatchStyle::Text},
    {tag(0x0010, 0x1000), "OtherPatientIDs", "LO"},
    {tag(0x0018, 0x0015), "BodyPartExamined", "CS", "se.body_part", core::MatchStyle::Text},
    {tag(0x0020, 0x000D), "StudyInstanceUID", "UI", "st.study_uid", core::MatchStyle::Uid},
    {tag(0x0020, 0x000E), "SeriesInstanceUID", "UI", "se.series_uid", core::MatchStyle::Uid},
    {tag(0x0020, 0x0010), "StudyID", "SH", "st.study_id", core::MatchStyle::Text},
    {tag(0x0020, 0x0011), "SeriesNumber", "IS", "se.series_number", core::MatchStyle::Text},
    {tag(0x0020, 0x0013), "InstanceNumber", "IS", "i.instance_number", core::MatchStyle::Text},
    {tag(0x0020, 0x1206), "NumberOfStudyRelatedSeries", "IS"},
    {tag(0x0020, 0x1208), "NumberOfStudyRelatedInstances", "IS"},
    {tag(0x0020, 0x1209), "NumberOfSeriesRelatedInstances", "IS"},
    {tag(0x0028, 0x0008), "NumberOfFrames", "IS"},
    {tag(0x0028, 0x0010), "Rows", "US"},
    {tag(0x0028, 0x0011), "Columns", "US"},
    {tag(0x0008, 0x0056), "InstanceAvailability", "CS"},
    {tag(0x0008, 0x1190), "RetrieveURL", "UR"},
}};

} // namespace

const AttributeInfo* attributeByTag(std::uint32_t t)
{
    for (const auto& a : attributes)
        if (a.tag == t)
            return &a;
    return nullptr;
}

const AttributeInfo* attributeByName(std::string_view name)
{
    if (name.size() == 8 && name.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos)
        return attributeByTag(std::uint32_t(std::stoul(std::string(name), nullptr, 16)));
    for (const auto& a : attributes)
        if (a.keyword == name)
            return &a;
    return nullptr;
}

std::vector<std::uint32_t> defaultReturnTags(dicom::QueryLevel level)
{
    switch (level) {
    case dicom::QueryLevel::Patient:
    case dicom::QueryLevel::Study:
        return {tag(0x0008, 0x0005), tag(0x0008, 0x0020), tag(0x0008, 0x0030), tag(0x0008, 0x0050),
                tag(0x0008, 0x0056), tag(0x0008, 0x0061), tag(0x0008, 0x0090), tag(0x0008, 0x1030),
                tag(0x0010, 0x0010), tag(0x0010, 0x0020), tag(0x0010, 0x0030), tag(0x0010, 0x0040),
                tag(0x0020, 0x000D), tag(0x0020, 0x0010), tag(0x0020, 0x1206), tag(0x0020, 0x1208)};
    case dicom::QueryLevel::Series:
        return {tag(0x0008, 0x0005), tag(0x0008, 0x0060), tag(0x0008, 0x103E), tag(0x0020, 0x000D),
                tag(0x0020, 0x000E), tag(0x0020, 0x0011), tag(0x0020, 0x1209), tag(0x0018, 0x0015)};
    case dicom::QueryLevel::Image:
        return {tag(0x0008, 0x0005), tag(0x0008, 0x0016), tag(0x0008, 0x0018),
                tag(0x0020, 0x000D), tag(0x0020, 0x000E), tag(0x0020, 0x0013),
                tag(0x0028, 0x0008), tag(0x0028, 0x0010), tag(0x0028, 0x0011)};
    }
    return {};
}

store::DicomQuery toIndexQuery(const dicom::FindRequest& request)
{
    store::DicomQuery q;
    for (const auto& key : request.keys) {
        if (tagOf(key) == tag(0x0008, 0x0061)) { // ModalitiesInStudy
            const auto m = core::parseDicomMatch(key.value, core::MatchStyle::Text);
            if (m.kind == core::DicomMatch::Kind::Single)
                q.modalityInStudy = m.values[0];
            continue;
        }
        for (const auto& m : attributes)
            if (m.column && m.tag == tagOf(key) && allowedAt(m.column, request.level)) {
                auto match = core::parseDicomMatch(key.value, m.style);
                if (match.kind != core::DicomMatch::Kind::Universal)
                    q.conditions.push_back({m.column, std::move(match)});
            }
    }
    return q;
}

std::vector<dicom::DicomKey> responseKeys(const dicom::FindRequest& request, const core::DicomStudyRecord* st,
                                          const core::DicomSeriesRecord* se,
                                          const core::DicomInstanceRecord* i, const std::string& aeTitle)
{
    std::vector<dicom::DicomKey> out;
    for (const auto& key : request.keys) {
        std::optional<std::string> value;
        switch (tagOf(key)) {
        case tag(0x0008, 0x0052):
            value = key.value;
            break; // QueryRetrieveLevel
        case tag(0x0008, 0x0054):
            value = aeTitle;
            break; // RetrieveAETitle
        case tag(0x0008, 0x0056):
            value = "ONLINE";
            break; // InstanceAvailability
        case tag(0x0008, 0x0005):
            break; // decided below, from the values answered
        case tag(0x0010, 0x0020):
            if (st)
                value = st->dicomPatientId;
            break;
        case tag(0x0010, 0x0021):
            if (st)
                value = st->issuerOfPatientId;
            break;
        case tag(0x0010, 0x1000):
            if (st)
                value = st->otherPatientIds;
            break;
        case tag(0x0010, 0x0010):
            if (st)
                value = st->patientName;
            break;
        case tag(0x0010, 0x0030):
            if (st)
                value = st->patientBirthDate;
            break;
        case tag(0x0010, 0x0040):
            if (st)
                value = st->patientSex;
            break;
        case tag(0x0020, 0x000D):
            value = st ? st->studyUid : se ? se->studyUid : i ? i->studyUid : "";
            break;
        case tag(0x0008, 0x0020):
            if (st)
                value = st->studyDate;
            break;
        case tag(0x0008, 0x0030):
            if (st)
                value = st->studyTime;
            break;
        case tag(0x0008, 0x0050):
            if (st)
                value = st->accessionNumber;
            break;
        case tag(0x0020, 0x0010):
            if (st)
                value = st->studyId;
            break;
        case tag(0x0008, 0x1030):
            if (st)
                value = st->studyDescription;
            break;
        case tag(0x0008, 0x0090):
            if (st)
                value = st->referringPhysician;
            break;
        case tag(0x0008, 0x0061):
            if (st)
                value = st->modalitiesInStudy;
            break;
        case tag(0x0020, 0x1206):
            if (st)
                value = std::to_string(st->seriesCount);
            break;
        case tag(0x0020, 0x1208):
            if (st)
                value = std::to_string(st->instanceCount);
            break;
        case tag(0x0020, 0x000E):
            value = se ? se->seriesUid : i ? i->seriesUid : "";
            break;
        case tag(0x0008, 0x0060):
            if (se)
                value = se->modality;
            break;
        case tag(0x0020, 0x0011):
            if (se)
                value = se->seriesNumber;
            break;
        case tag(0x0008, 0x103E):
            if (se)
                value = se->seriesDescription;
            break;
        case tag(0x0018, 0x0015):
            if (se)
                value = se->bodyPart;
            break;
        case tag(0x0020, 0x1209):
            if (se)
                value = std::to_string(se->instanceCount);
            break;
        case tag(0x0008, 0x0018):
            if (i)
                value = i->sopInstanceUid;
            break;
        case tag(0x0008, 0x0016):
            if (i)
                value = i->sopClassUid;
            break;
        case tag(0x0020, 0x0013):
            if (i)
                value = i->instanceNumber;
            break;
        case tag(0x0028, 0x0010):
            if (i)
                value = std::to_string(i->rows);
            break;
        case tag(0x0028, 0x0011):
            if (i)
                value = std::to_string(i->columns);
            break;
        case tag(0x0028, 0x0008):
            if (i)
                value = std::to_string(i->frames);
            break;
        default:
            break;
        }
        out.push_back({key.group, key.element, value.value_or("")});
    }
    // The index holds UTF-8; plain ASCII needs no declaration.
    const bool beyondAscii = std::any_of(out.begin(), out.end(),
                                         [](const dicom::DicomKey& k) { return !dicom::isAscii(k.value); });
    for (auto& k : out)
        if (tagOf(k) == tag(0x0008, 0x0005))
            k.value = beyondAscii ? dicom::utf8CharacterSet : "";
    return out;
}

} // namespace lumen::server
