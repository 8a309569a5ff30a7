// The catalogues are resources of this library; this file only gives it an object file.
namespace lumen::translations {
const char* catalogueResource()
{
    return ":/i18n/lumen_zh_CN.qm";
}
} // namespace lumen::translations
