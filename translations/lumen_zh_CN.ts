<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>lumen::reading::ReadingWindow</name>
    <message>
        <location filename="../apps/reading/src/reading_window.cpp" line="+66"/>
        <source>Window/level</source>
        <translation>窗宽窗位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Angle</source>
        <translation>角度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rectangle ROI</source>
        <translation>矩形ROI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ellipse ROI</source>
        <translation>椭圆ROI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Polygon ROI</source>
        <translation>多边形ROI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Point value</source>
        <translation>点CT值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cardiothoracic ratio</source>
        <translation>心胸比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cobb angle</source>
        <translation>Cobb角</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lumen Reading</source>
        <translation>Lumen 阅片工作站</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>%1 / %2 images</source>
        <translation>%1 / %2 幅</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading cancelled.</source>
        <translation>已取消加载。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The study could not be opened: %1</source>
        <translation>无法打开该检查：%1</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Custom layout</source>
        <translation>自定义布局</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows × columns (e.g. 2x3):</source>
        <translation>行 × 列（如 2x3）：</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Cine</source>
        <translation>电影回放</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Frames per second:</source>
        <translation>每秒帧数：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Annotated image</source>
        <translation>标注图像</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Image tools</source>
        <translation>图像工具</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Custom layout…</source>
        <translation>自定义布局…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rotate 90°</source>
        <translation>旋转90°</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flip horizontal</source>
        <translation>水平翻转</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flip vertical</source>
        <translation>垂直翻转</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invert</source>
        <translation>反色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset view</source>
        <translation>复位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play / stop cine</source>
        <translation>播放/停止电影</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cine speed…</source>
        <translation>电影速度…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark key image</source>
        <translation>标记关键图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+348"/>
        <location line="+2"/>
        <source>MPR</source>
        <translation>MPR</translation>
    </message>
    <message>
        <location line="-349"/>
        <location line="+364"/>
        <source>3D</source>
        <translation>三维</translation>
    </message>
    <message>
        <location line="-363"/>
        <source>Save key images to the study</source>
        <translation>关键图像存入检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this view to the study</source>
        <translation>当前视图存入检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link scrolling</source>
        <translation>联动翻页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide patient identity</source>
        <translation>隐藏患者信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images on a separate window</source>
        <translation>图像独立窗口（副屏）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lung</source>
        <translation>肺窗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mediastinum</source>
        <translation>纵隔窗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bone</source>
        <translation>骨窗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brain</source>
        <translation>脑窗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abdomen</source>
        <translation>腹部窗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Liver</source>
        <translation>肝窗</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Image</source>
        <translation>图像(&amp;I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window presets (keys 1-6)</source>
        <translation>窗宽窗位预设（数字键1-6）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No images in the archive for %1.</source>
        <translation>影像库中没有 %1 的图像。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1  %2  %3  %4</source>
        <translation>%1  %2  %3  %4</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>The series is still loading.</source>
        <translation>该序列仍在加载。</translation>
    </message>
    <message>
        <location line="+159"/>
        <source>Annotations not saved: %1</source>
        <translation>标注未保存：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a viewport with a series first.</source>
        <translation>请先选择一个有序列的窗格。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This series cannot be reformatted: %1</source>
        <translation>该序列无法重建：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Building the volume…</source>
        <translation>正在构建容积数据…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No volume can be built: %1</source>
        <translation>无法构建容积：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Volume ready.</source>
        <translation>容积已就绪。</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>%1 stored in the study.</source>
        <translation>%1已存入检查。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 not stored: %2</source>
        <translation>%1未能存入：%2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The %1 view</source>
        <translation>%1视图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The view could not be saved: %1</source>
        <translation>视图无法保存：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Mark key images first (K or Ctrl+K).</source>
        <translation>请先标记关键图像（K 或 Ctrl+K）。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n key image(s)</source>
        <translation>
            <numerusform>%n 幅关键图像</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key images could not be saved: %1</source>
        <translation>关键图像无法保存：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Lumen images</source>
        <translation>Lumen 图像</translation>
    </message>
</context>
<context>
    <name>lumen::reading::SeriesStrip</name>
    <message numerus="yes">
        <location filename="../apps/reading/src/series_strip.cpp" line="+115"/>
        <source>%1
%n image(s)</source>
        <translation>
            <numerusform>%1
%n 幅</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
%2/%3</source>
        <translation>%1
%2/%3</translation>
    </message>
</context>
<context>
    <name>lumen::reading::VolumeWindow</name>
    <message>
        <location filename="../apps/reading/src/volume_window.cpp" line="+68"/>
        <source>Save view as PNG</source>
        <translation>将视图保存为 PNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The image could not be written to %1.</source>
        <translation>图像无法写入 %1。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>3D</source>
        <translation>三维</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CT bone</source>
        <translation>CT 骨骼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Soft tissue</source>
        <translation>软组织</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Angiography</source>
        <translation>血管成像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MIP</source>
        <translation>MIP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clipping box</source>
        <translation>裁剪框</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clip from the patient&apos;s right</source>
        <translation>从患者右侧裁剪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clip from the patient&apos;s left</source>
        <translation>从患者左侧裁剪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scalpel</source>
        <translation>手术刀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click around what to cut away; double-click or Enter cuts, Esc cancels</source>
        <translation>沿要切除的部分单击描边；双击或回车切除，Esc 取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo cut</source>
        <translation>撤销切割</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset view</source>
        <translation>复位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save to archive</source>
        <translation>存入影像库</translation>
    </message>
</context>
<context>
    <name>lumen::reading::WorklistPanel</name>
    <message>
        <location filename="../apps/reading/src/worklist_panel.cpp" line="+98"/>
        <source>All modalities</source>
        <translation>全部设备类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+74"/>
        <source>To report</source>
        <translation>待报告</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+74"/>
        <source>Reported</source>
        <translation>已报告</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>All read</source>
        <translation>全部已阅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accession number</source>
        <translation>检查号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Patient no.</source>
        <translation>患者编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Modality</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accession</source>
        <translation>检查号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exam</source>
        <translation>检查项目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No exams to read.</source>
        <translation>没有待阅检查。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n exam(s)</source>
        <translation>
            <numerusform>%n 个检查</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
</context>
<context>
    <name>lumen::registration::AdminMenu</name>
    <message>
        <location filename="../apps/registration/src/admin_menu.cpp" line="+56"/>
        <source>A&amp;dministration</source>
        <translation>管理(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exam &amp;dictionary...</source>
        <translation>检查项目对照(&amp;D)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop / reopen room...</source>
        <translation>检查室停开(&amp;S)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No-show &amp;blacklist...</source>
        <translation>爽约黑名单(&amp;B)...</translation>
    </message>
</context>
<context>
    <name>lumen::registration::AppointmentSlip</name>
    <message>
        <location filename="../apps/registration/src/appointment_slip.cpp" line="+70"/>
        <source>Lumen General Hospital</source>
        <translation>Lumen 综合医院</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Appointment slip</source>
        <translation>检查预约单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 appointment slip</source>
        <translation>%1检查预约单</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sex / age</source>
        <translation>性别/年龄</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patient no.</source>
        <translation>患者编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment no.</source>
        <translation>预约号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Room</source>
        <translation>检查室</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+8"/>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exams</source>
        <translation>检查项目</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Precautions</source>
        <translation>注意事项</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Please arrive 15 minutes early and check in at the kiosk with this slip.</source>
        <translation>请提前15分钟到达，凭本预约单在自助机上报到。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Printed %1</source>
        <translation>打印时间 %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+15"/>
        <source>Appointment slip %1</source>
        <translation>预约单 %1</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Print appointment slip</source>
        <translation>打印预约单</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>appointment-%1.pdf</source>
        <translation>预约单-%1.pdf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save appointment slip as PDF</source>
        <translation>将预约单保存为 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>lumen::registration::AttachmentsDialog</name>
    <message>
        <location filename="../apps/registration/src/attachments_dialog.cpp" line="+49"/>
        <source>Attachments - %1</source>
        <translation>附件 - %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>添加人</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Add...</source>
        <translation>添加(&amp;A)...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Loading attachments...</source>
        <translation>正在加载附件...</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No files attached to this exam.</source>
        <translation>此检查没有附件。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n file(s).</source>
        <translation>
            <numerusform>%n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Sending %1...</source>
        <translation>正在上传 %1...</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Opening %1...</source>
        <translation>正在打开 %1...</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1 could not be written to %2: %3</source>
        <translation>%1 无法写入 %2：%3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No program to show %1 was found; the file is at %2.</source>
        <translation>未找到可显示 %1 的程序；文件已保存在 %2。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::BlacklistDialog</name>
    <message>
        <location filename="../apps/registration/src/blacklist_dialog.cpp" line="+70"/>
        <source>No-show blacklist</source>
        <translation>爽约黑名单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patient no.</source>
        <translation>患者编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No-shows in a row</source>
        <translation>连续爽约次数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blacklisted since</source>
        <translation>列入时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Restored on</source>
        <translation>自动恢复时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;load</source>
        <translation>刷新(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore booking rights...</source>
        <translation>恢复预约资格(&amp;R)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Loading...</source>
        <translation>正在加载...</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nobody is blacklisted.</source>
        <translation>黑名单中没有患者。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n patient(s) may not book for themselves.</source>
        <translation>
            <numerusform>%n 名患者暂不能自行预约。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>only by hand</source>
        <translation>仅可手工恢复</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>patient %1</source>
        <translation>患者 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (patient %2)</source>
        <translation>%1（患者 %2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore booking rights</source>
        <translation>恢复预约资格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the booking rights of %1? The count of missed bookings starts again from zero.</source>
        <translation>恢复%1的预约资格？爽约次数将从零重新计算。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 may book again.</source>
        <translation>%1 已可重新预约。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::BookingCalendarDialog</name>
    <message>
        <location filename="../apps/registration/src/booking_calendar_dialog.cpp" line="+27"/>
        <source>Booking calendar</source>
        <translation>预约日历</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt; &amp;Previous day</source>
        <translation>&lt; 前一天(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Today</source>
        <translation>今天(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Next day &gt;</source>
        <translation>后一天(&amp;N) &gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All departments</source>
        <translation>全部科室</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Booked, urgent</source>
        <translation>已预约（急）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Closed</source>
        <translation>不开放</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Holiday: %1</source>
        <translation>节假日：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed on this day</source>
        <translation>当天不开放</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loading...</source>
        <translation>正在加载……</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n booking(s) on %1. Drag a booking to another room or time to move it.</source>
        <translation>
            <numerusform>%1 共 %n 个预约。拖动预约块到其他检查室或时间即可改约。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Move booking</source>
        <translation>改约</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move %1 (%2 %3) from %4 %5 to %6 %7?</source>
        <translation>将 %1（%2 %3）从 %4 %5 改到 %6 %7？</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Move</source>
        <translation>改约</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Moving...</source>
        <translation>正在改约……</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Booking not moved</source>
        <translation>未能改约</translation>
    </message>
</context>
<context>
    <name>lumen::registration::BookingCalendarView</name>
    <message>
        <location filename="../apps/registration/src/booking_calendar_view.cpp" line="+180"/>
        <source>Registration desk</source>
        <translation>登记台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clinic (doctor&apos;s order)</source>
        <translation>门诊（医生开单）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service desk</source>
        <translation>服务台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Self-service kiosk</source>
        <translation>自助机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Internet / mobile</source>
        <translation>互联网/手机</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Patient: %1</source>
        <translation>患者：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accession: %1</source>
        <translation>检查号：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exam: %1 %2</source>
        <translation>检查：%1 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time: %1 %2-%3, %4</source>
        <translation>时间：%1 %2-%3，%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Booked through: %1</source>
        <translation>预约渠道：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Urgent</source>
        <translation>急诊/加急</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Precautions: %1</source>
        <translation>注意事项：%1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 is closed at this time.</source>
        <translation>%1 此时段不开放。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open %1</source>
        <translation>开放时间 %1</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Closed: cannot move here</source>
        <translation>不开放：不能移到此处</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Not moved: %1 is not open from %2 to %3.</source>
        <translation>未改约：%1 在 %2-%3 不开放。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not moved: %1 is closed on this day (%2).</source>
        <translation>未改约：%1 当天不开放（%2）。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::BookingDialog</name>
    <message>
        <location filename="../apps/registration/src/booking_dialog.cpp" line="+59"/>
        <source>Book - %1</source>
        <translation>预约 - %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All on the &amp;same day</source>
        <translation>同一天完成(&amp;S)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any day</source>
        <translation>任意日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekdays</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekends</source>
        <translation>周末</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any time</source>
        <translation>全天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evening</source>
        <translation>晚上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On &amp;date:</source>
        <translation>指定日期(&amp;D)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Find slots</source>
        <translation>查找号源(&amp;F)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Preferences</source>
        <translation>预约偏好</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Option</source>
        <translation>方案</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+22"/>
        <source>Room</source>
        <translation>检查室</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+22"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exam</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Precautions</source>
        <translation>注意事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Book this option</source>
        <translation>预约此方案(&amp;B)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Earliest start</source>
        <translation>最早开始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Latest start</source>
        <translation>最晚开始</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Book &amp;chosen time</source>
        <translation>预约所选时间(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start:</source>
        <translation>开始时间：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Recommended</source>
        <translation>智能推荐(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free c&amp;hoice</source>
        <translation>自选时间(&amp;H)</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+84"/>
        <source>Looking for slots...</source>
        <translation>正在查找号源……</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>%1 (best)</source>
        <translation>%1（最优）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No slot found:</source>
        <translation>未找到号源：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No slot found for these preferences.</source>
        <translation>按所选偏好未找到号源。</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Booking...</source>
        <translation>正在预约……</translation>
    </message>
</context>
<context>
    <name>lumen::registration::CancelBookingDialog</name>
    <message>
        <location filename="../apps/registration/src/cancel_booking_dialog.cpp" line="+22"/>
        <source>Cancel booking</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel the booking of %1 (%2 %3) in %4 on %5 at %6? The slot is released.</source>
        <translation>取消 %1（%2 %3）在 %4 %5 %6 的预约？号源将被释放。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Patient&apos;s request</source>
        <translation>患者要求</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Doctor&apos;s request</source>
        <translation>医生要求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exam no longer needed</source>
        <translation>无需检查</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Booked by mistake</source>
        <translation>预约错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>C&amp;ancel booking</source>
        <translation>取消预约(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Keep booking</source>
        <translation>保留预约(&amp;K)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Give the reason for cancelling.</source>
        <translation>请填写取消原因。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelling...</source>
        <translation>正在取消……</translation>
    </message>
</context>
<context>
    <name>lumen::registration::ChangeBookingDialog</name>
    <message>
        <location filename="../apps/registration/src/change_booking_dialog.cpp" line="+23"/>
        <source>Change booking - %1</source>
        <translation>改约 - %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2, now %3 %4 %5-%6</source>
        <translation>%1 %2，当前 %3 %4 %5-%6</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Room:</source>
        <translation>检查室(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start:</source>
        <translation>开始时间(&amp;S)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>C&amp;hange booking</source>
        <translation>改约(&amp;H)</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Changing...</source>
        <translation>正在改约……</translation>
    </message>
</context>
<context>
    <name>lumen::registration::DictionaryRowDialog</name>
    <message>
        <location filename="../apps/registration/src/dictionary_row_dialog.cpp" line="+37"/>
        <source>New dictionary row</source>
        <translation>新增对照项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit dictionary row</source>
        <translation>修改对照项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>empty: shared by every HIS</source>
        <translation>留空：所有HIS通用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exam item</source>
        <translation>检查项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+43"/>
        <source>Body part</source>
        <translation>检查部位</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>the HIS&apos;s own wording</source>
        <translation>HIS中的名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. CT平扫</source>
        <translation>例如 CT平扫</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 胸部</source>
        <translation>例如 胸部</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ECG</source>
        <translation>心电图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. CT</source>
        <translation>例如 CT</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>HIS system</source>
        <translation>HIS系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HIS code</source>
        <translation>HIS编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HIS name</source>
        <translation>HIS名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exam method</source>
        <translation>检查方法</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modality</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load the row as it is stored now; your changes are lost</source>
        <translation>加载当前保存的内容；您的修改将丢失</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>This row was changed by someone else since you opened it. Reload it and make your change again.</source>
        <translation>此对照项在您打开后已被他人修改，请重新加载后再修改。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This row was deleted by someone else.</source>
        <translation>此对照项已被他人删除。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This HIS code is already in the dictionary for this HIS and kind.</source>
        <translation>该HIS系统的此类别下已有这个HIS编码。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Reloaded: this is the row as stored now.</source>
        <translation>已重新加载：这是当前保存的内容。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::DictionaryWindow</name>
    <message>
        <location filename="../apps/registration/src/dictionary_window.cpp" line="+56"/>
        <source>ECG</source>
        <translation>心电图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Exam dictionary (HIS codes)</source>
        <translation>检查项目对照（HIS编码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exam items</source>
        <translation>检查项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body parts</source>
        <translation>检查部位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H&amp;IS system:</source>
        <translation>HIS系统(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All HIS systems</source>
        <translation>全部HIS系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shared by every HIS</source>
        <translation>所有HIS通用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search:</source>
        <translation>查找(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HIS code or name, method, body part</source>
        <translation>HIS编码或名称、检查方法、部位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;load</source>
        <translation>刷新(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HIS system</source>
        <translation>HIS系统</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HIS code</source>
        <translation>HIS编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HIS name</source>
        <translation>HIS名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exam method</source>
        <translation>检查方法</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+112"/>
        <source>Body part</source>
        <translation>检查部位</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Modality</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read only: changing the dictionary needs the exam.dictionary permission.</source>
        <translation>只读：修改对照表需要 exam.dictionary 权限。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add...</source>
        <translation>新增(&amp;A)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit...</source>
        <translation>修改(&amp;E)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete...</source>
        <translation>删除(&amp;D)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Loading...</source>
        <translation>正在加载...</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>(shared)</source>
        <translation>（通用）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exam item</source>
        <translation>检查项目</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>共 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %n row(s) shown</source>
        <translation>
            <numerusform>显示 %1 项，共 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Row %1 added.</source>
        <translation>已新增对照项 %1。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Delete dictionary row</source>
        <translation>删除对照项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the row for HIS code %1?

Orders that still send this code will be refused until it is added again. Exams registered already keep their terms.</source>
        <translation>删除HIS编码 %1 的对照项？

在重新添加之前，仍使用此编码的申请单将被拒收。已登记的检查不受影响。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Row %1 deleted.</source>
        <translation>已删除对照项 %1。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::DuplicateDialog</name>
    <message>
        <location filename="../apps/registration/src/duplicate_dialog.cpp" line="+47"/>
        <source>Possible duplicate patient</source>
        <translation>疑似重复患者</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A patient named %1 with the same birth date is already registered. Please compare the records: if it is the same person, open the existing record instead of registering a duplicate.</source>
        <translation>已登记过同名（%1）且出生日期相同的患者。请核对以下记录：如为同一人，请打开已有记录，不要重复登记。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Open existing</source>
        <translation>打开已有记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Register anyway</source>
        <translation>仍然登记</translation>
    </message>
</context>
<context>
    <name>lumen::registration::ExamRegisterDialog</name>
    <message>
        <location filename="../apps/registration/src/exam_register_dialog.cpp" line="+63"/>
        <source>Register exam - %1</source>
        <translation>检查登记 - %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Add item</source>
        <translation>添加项目(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remo&amp;ve item</source>
        <translation>删除项目(&amp;V)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&amp;Department:</source>
        <translation>检查科室(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Modality:</source>
        <translation>设备类型(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method / &amp;body part:</source>
        <translation>检查方法/部位(&amp;B)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items:</source>
        <translation>检查项目：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requesting de&amp;partment:</source>
        <translation>申请科室(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requesting d&amp;octor:</source>
        <translation>申请医生(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinical dia&amp;gnosis:</source>
        <translation>临床诊断(&amp;G)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patient &amp;source:</source>
        <translation>患者来源(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;riority:</source>
        <translation>优先级(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;ttach requisition...</source>
        <translation>附加申请单(&amp;T)...</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Requisition:</source>
        <translation>申请单：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Register</source>
        <translation>登记(&amp;R)</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Choose or type the exam method first.</source>
        <translation>请先选择或输入检查方法。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 %2 is already in the list.</source>
        <translation>%1 %2 已在列表中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An exam has at most %1 items.</source>
        <translation>一次检查最多 %1 个项目。</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Add at least one item (method and body part).</source>
        <translation>请至少添加一个项目（检查方法和部位）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Revisit</source>
        <translation>复诊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revisit (复诊): %1 had %2 (%3) on %4. Register this exam as a revisit?</source>
        <translation>复诊提示：%1 已于 %4 做过 %2（%3）。是否按复诊登记本次检查？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Register as revisit</source>
        <translation>按复诊登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revisit; previous exam %1 on %2</source>
        <translation>复诊；上次检查 %1（%2）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Registering...</source>
        <translation>正在登记……</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Attaching the requisition...</source>
        <translation>正在上传申请单...</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Requisition not attached</source>
        <translation>申请单未附加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exam %1 was registered, but the requisition could not be attached: %2
Add it with Attachments in the exams list.</source>
        <translation>检查 %1 已登记，但申请单未能附加：%2
请在检查列表中通过“附件”添加。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::ExamText</name>
    <message>
        <location filename="../apps/registration/src/exam_text.cpp" line="+14"/>
        <source>Requested</source>
        <translation>已申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+78"/>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <location line="-76"/>
        <location line="+78"/>
        <source>Checked in</source>
        <translation>已报到</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Called</source>
        <translation>已呼叫</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In progress</source>
        <translation>检查中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Examined</source>
        <translation>已检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images received</source>
        <translation>已收图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reported</source>
        <translation>已报告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent to clinic</source>
        <translation>已发临床</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+64"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-62"/>
        <location line="+60"/>
        <source>No-show</source>
        <translation>爽约</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Radiology</source>
        <translation>放射科</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ultrasound</source>
        <translation>超声科</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Endoscopy</source>
        <translation>内镜室</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ECG</source>
        <translation>心电图室</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Outpatient</source>
        <translation>门诊</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inpatient</source>
        <translation>住院</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Emergency</source>
        <translation>急诊</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Physical exam</source>
        <translation>体检</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Routine</source>
        <translation>普通</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Urgent</source>
        <translation>加急</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Emergency</source>
        <comment>priority</comment>
        <translation>急诊</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The exam method is not in the appointment catalogue.</source>
        <translation>该检查方法不在预约目录中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The body part is not in the appointment catalogue.</source>
        <translation>该检查部位不在预约目录中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No such exam room.</source>
        <translation>没有该检查室。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The booking no longer exists.</source>
        <translation>该预约已不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+85"/>
        <source>The booking can no longer be changed: the patient has checked in or was marked absent.</source>
        <translation>该预约已不能变更：患者已报到或已记爽约。</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>The patient missed too many appointments and may not book by self-service.</source>
        <translation>患者爽约次数过多，不能自助预约。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This room does not perform this exam method.</source>
        <translation>该检查室不做此检查方法。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The exam takes longer than this room allows.</source>
        <translation>检查耗时超过该检查室允许的最长时间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This exam may not be booked in this room.</source>
        <translation>该检查不能预约到此检查室。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This exam may not be booked through this channel.</source>
        <translation>该检查不能通过此渠道预约。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The requesting department may not book this exam here.</source>
        <translation>申请科室不能在此预约该检查。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patients of this source (outpatient, inpatient...) may not book this exam here.</source>
        <translation>该来源（门诊、住院等）的患者不能在此预约该检查。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This exam is not booked here for the patient&apos;s sex.</source>
        <translation>该检查不能按患者性别在此预约。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The patient&apos;s age is outside what this exam allows here.</source>
        <translation>患者年龄不符合该检查在此的要求。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The exam&apos;s priority is too low for this slot.</source>
        <translation>检查优先级不够，不能预约此号源。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The room is closed on this holiday.</source>
        <translation>节假日该检查室不开放。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The room is stopped on this day.</source>
        <translation>该检查室当天已停诊。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The room is closed on this day.</source>
        <translation>该检查室当天不开放。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The day is too far ahead to book.</source>
        <translation>超出可预约天数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This exam is not done on this weekday.</source>
        <translation>该检查在这一天（星期）不做。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The time has already passed.</source>
        <translation>该时间已过。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The time is outside the room&apos;s opening hours.</source>
        <translation>该时间不在检查室开放时段内。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The start time does not fit the room&apos;s time step.</source>
        <translation>开始时间不符合检查室的预约时间间隔。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This exam is not done at this time of day.</source>
        <translation>该检查不在此时段进行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The exam needs fasting and must start early in the morning.</source>
        <translation>该检查需空腹，须在上午早些时候开始。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The room is already taken at this time.</source>
        <translation>该时间检查室已被占用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The outpatient quota of this period is full.</source>
        <translation>该时段门诊号源已满。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The inpatient quota of this period is full.</source>
        <translation>该时段住院号源已满。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The quota of this period is full.</source>
        <translation>该时段号源已满。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The patient has another exam at this time.</source>
        <translation>患者在该时间已有其他检查。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This exam must be further apart from another exam of the patient.</source>
        <translation>该检查与患者的另一项检查间隔不够（检查互斥）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This exam must come after another exam of the patient.</source>
        <translation>该检查须安排在患者另一项检查之后。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No slot matches the chosen preferences.</source>
        <translation>没有符合所选偏好的号源。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No slot could be found for these exams together.</source>
        <translation>无法为这些检查找到组合号源。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The slot was refused:</source>
        <translation>该号源不能预约：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The exam cannot be booked in its current status (only requested exams are booked).</source>
        <translation>该检查当前状态不能预约（只有已申请的检查可以预约）。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::ExamsPanel</name>
    <message>
        <location filename="../apps/registration/src/exams_panel.cpp" line="+140"/>
        <source>Loading exams...</source>
        <translation>正在加载检查……</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>No exams registered for this patient.</source>
        <translation>该患者没有登记检查。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n exam(s).</source>
        <translation>
            <numerusform>共 %n 项检查。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Checking in %1...</source>
        <translation>正在为 %1 报到……</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check-in refused: %1</source>
        <translation>报到未成功：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Checked in: ticket %1 for %2, %n patient(s) waiting before.</source>
        <translation>
            <numerusform>已报到：%2 排队号 %1，前面还有 %n 人。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checked in</source>
        <translation>已报到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue ticket &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Room: %2&lt;br&gt;Waiting before: %3</source>
        <translation>排队号 &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;检查室：%2&lt;br&gt;前面等候：%3 人</translation>
    </message>
    <message>
        <location line="+151"/>
        <source>Exams of %1</source>
        <translation>%1 的检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exams (open a patient to see them)</source>
        <translation>检查（请先打开患者）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accession no.</source>
        <translation>检查号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exam</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Slot</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requested by</source>
        <translation>申请科室/医生</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register e&amp;xam...</source>
        <translation>检查登记(&amp;X)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Book...</source>
        <translation>预约(&amp;B)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chan&amp;ge booking...</source>
        <translation>改约(&amp;G)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cance&amp;l booking...</source>
        <translation>取消预约(&amp;L)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments...</source>
        <translation>附件...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanned requisitions of the selected exam</source>
        <translation>所选检查的扫描申请单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print slip...</source>
        <translation>打印预约单...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check &amp;in</source>
        <translation>报到(&amp;I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the selected booked exam in at the desk and give a queue ticket (Ctrl+I)</source>
        <translation>为所选已预约的检查在窗口报到并发放排队号（Ctrl+I）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print or save the appointment slip of the selected booked exam (%1)</source>
        <translation>打印或保存所选已预约检查的预约单（%1）</translation>
    </message>
</context>
<context>
    <name>lumen::registration::HistoryDialog</name>
    <message>
        <location filename="../apps/registration/src/history_dialog.cpp" line="+47"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 -&gt; %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>History of %1</source>
        <translation>%1 的修改记录</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Undo this merge</source>
        <translation>撤销此次合并</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loading...</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Undo merge</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The merge was not undone: %1</source>
        <translation>未能撤销合并：%1</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>%1 (record %2)</source>
        <translation>%1（记录号 %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record %1</source>
        <translation>记录号 %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Merged into</source>
        <translation>已合并至</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merged in</source>
        <translation>并入记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Separated again</source>
        <translation>重新拆分出</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>User</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changes</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No changes are recorded.</source>
        <translation>暂无修改记录。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n change(s), newest first.</source>
        <translation>
            <numerusform>共 %n 条记录，最新的在前。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Separate record %1 from %2 again? Both records will be searchable on their own.</source>
        <translation>确定将记录号 %1 从“%2”中重新拆分出来吗？拆分后两条记录可分别检索。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::KioskWindow</name>
    <message>
        <location filename="../apps/registration/src/kiosk_window.cpp" line="+153"/>
        <location line="+51"/>
        <source>Self check-in</source>
        <translation>自助报到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan the barcode or QR code on your appointment slip, or type the appointment number.</source>
        <translation>请扫描预约单上的条码或二维码，或输入预约号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment number</source>
        <translation>预约号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check in</source>
        <translation>报到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your queue number</source>
        <translation>您的排队号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No kiosk account is configured (--user / --password).</source>
        <translation>未配置自助机账号（--user / --password）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connecting to %1...</source>
        <translation>正在连接 %1……</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+56"/>
        <source>Ready (%1)</source>
        <translation>就绪（%1）</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Cannot sign in: %1</source>
        <translation>无法登录：%1</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+49"/>
        <source>The kiosk is not ready. Please ask at the desk.</source>
        <translation>自助机暂不可用，请到服务台咨询。</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Checking in %1...</source>
        <translation>正在为 %1 报到……</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The kiosk cannot reach the server. Please ask at the desk.</source>
        <translation>自助机无法连接服务器，请到服务台咨询。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your appointment is on %1, not today. Please come on that day or ask at the desk.</source>
        <translation>您的预约日期是 %1，不是今天。请在预约当天前来，或到服务台咨询。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your appointment is not today. Please ask at the desk.</source>
        <translation>您的预约不是今天，请到服务台咨询。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This appointment was cancelled. Please ask at the desk.</source>
        <translation>该预约已取消，请到服务台咨询。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This exam has no appointment yet. Please book it at the desk.</source>
        <translation>该检查尚未预约，请到服务台预约。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This exam cannot be checked in here. Please ask at the desk.</source>
        <translation>该检查无法在此报到，请到服务台咨询。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This appointment number is unknown. Please check your slip or ask at the desk.</source>
        <translation>未找到该预约号，请核对预约单或到服务台咨询。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not an appointment number. Please scan the code on your slip.</source>
        <translation>这不是预约号，请扫描预约单上的条码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check-in is not possible now. Please ask at the desk.</source>
        <translation>现在无法报到，请到服务台咨询。</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n patient(s) waiting before you</source>
        <translation>
            <numerusform>您前面还有 %n 人等候</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You were already checked in; this is your ticket again.</source>
        <translation>您已报到，这是您原来的排队号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please take your ticket and wait to be called.</source>
        <translation>请取走排队小票，留意叫号。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::MergeDialog</name>
    <message>
        <location filename="../apps/registration/src/merge_dialog.cpp" line="+32"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Merge duplicate patients</source>
        <translation>合并重复患者</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the duplicate record and the record to keep. After the merge, searches for the duplicate lead to the record kept. The duplicate stays in the database, so the merge can be undone later (unmerge).</source>
        <translation>请选择重复记录和要保留的记录。合并后，检索重复记录时将显示保留的记录。重复记录仍保存在数据库中，因此合并可以在以后撤销（拆分）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+13"/>
        <source>Duplicate (will be merged)</source>
        <translation>重复记录（将被合并）</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+10"/>
        <source>Patient to keep</source>
        <translation>保留的患者记录</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Swap</source>
        <translation>互换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange the duplicate and the record to keep</source>
        <translation>互换重复记录与保留记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Comparison</source>
        <translation>比对</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>I have checked that both records belong to the same person.</source>
        <translation>我已核实两条记录属于同一患者。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo merge</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>same</source>
        <translation>相同</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>different</source>
        <translation>不同</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The duplicate and the record to keep must be two different patients.</source>
        <translation>重复记录与保留记录必须是两条不同的患者记录。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Merging...</source>
        <translation>正在合并…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not merged: %1</source>
        <translation>未合并：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Merged: %1 (duplicate) now leads to %2. Use &quot;Undo merge&quot; if this was a mistake.</source>
        <translation>已合并：%1（重复记录）现指向 %2。如有误，请点击“撤销合并”。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The merge was not undone: %1</source>
        <translation>未能撤销合并：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The merge was undone: both records are separate again.</source>
        <translation>已撤销合并：两条记录已重新分开。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::PatientEditor</name>
    <message>
        <location filename="../apps/registration/src/patient_editor.cpp" line="+117"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The form has changes that are not saved. Discard them?</source>
        <translation>表单中有尚未保存的修改，是否放弃？</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Loading the patient...</source>
        <translation>正在加载患者信息…</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+79"/>
        <source>Not saved: please correct the fields marked below.</source>
        <translation>未保存：请更正下方标出的项目。</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Nothing to save: no field was changed.</source>
        <translation>无需保存：没有修改任何项目。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 is registered.</source>
        <translation>%1 已登记。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changes to %1 are saved.</source>
        <translation>%1 的修改已保存。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not saved: a patient with the same name and birth date exists.</source>
        <translation>未保存：已存在同名且出生日期相同的患者。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>number</source>
        <translation>号码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This %1 is already registered for another patient.</source>
        <translation>该%1已登记给其他患者。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not saved: the %1 belongs to another patient.</source>
        <translation>未保存：该%1属于其他患者。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The %1 is already registered for another patient. Open that patient?</source>
        <translation>该%1已登记给其他患者。是否打开该患者？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Someone else changed this patient after you opened it. Load the current record? Your changes in the form will be lost.</source>
        <translation>您打开此患者后，其他人修改了该记录。是否加载最新记录？表单中的修改将会丢失。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not saved: the server refused the field %1.</source>
        <translation>未保存：服务器拒绝了“%1”一项。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>Open patient</source>
        <translation>打开患者</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saving...</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>New registration</source>
        <translation>新患者登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a patient from the search results</source>
        <translation>请在检索结果中选择患者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patient: %1</source>
        <translation>患者：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel changes (Esc)</source>
        <translation>取消修改 (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your role may not register or change patients.</source>
        <translation>您的角色无权登记或修改患者信息。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::PatientForm</name>
    <message>
        <location filename="../apps/registration/src/patient_form.cpp" line="+367"/>
        <location line="+54"/>
        <source>Sex and birth date were filled in from the ID number.</source>
        <translation>已根据身份证号自动填写性别和出生日期。</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Write the birth date as YYYY-MM-DD, for example 1980-05-03.</source>
        <translation>出生日期请按“年-月-日”格式填写，例如 1980-05-03。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please choose the sex (&quot;Unknown&quot; is a valid choice).</source>
        <translation>请选择性别（可选择“未知”）。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Personal details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hospital numbers</source>
        <translation>院内编号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (required)</source>
        <translation>%1（必填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Please choose</source>
        <translation>请选择</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日，如 1980-05-03</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>18 characters; fills in sex and birth date</source>
        <translation>18 位，自动填写性别和出生日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 13800138000</source>
        <translation>例如 13800138000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidential patient (visible only to authorised staff)</source>
        <translation>保密患者（仅授权人员可见）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only users allowed to see confidential patients can change this.</source>
        <translation>只有有权查看保密患者的用户才能修改此项。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::PatientPicker</name>
    <message>
        <location filename="../apps/registration/src/patient_picker.cpp" line="+40"/>
        <source>Search by name or any number, then press Enter</source>
        <translation>输入姓名或任一号码后按回车检索</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Searching...</source>
        <translation>正在检索…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No patient found.</source>
        <translation>未找到患者。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Patients found: %n. Choose one.</source>
        <translation>
            <numerusform>找到 %n 位患者，请选择其一。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lumen::registration::PatientSearchPanel</name>
    <message>
        <location filename="../apps/registration/src/patient_search_panel.cpp" line="+168"/>
        <source>Name, any patient number, ID number or phone (Ctrl+F)</source>
        <translation>姓名、任一患者号码、身份证号或电话 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt; Previous</source>
        <translation>&lt; 上一页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next &gt;</source>
        <translation>下一页 &gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type to search; press Enter to search at once.</source>
        <translation>输入即检索；按回车立即检索。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Searching...</source>
        <translation>正在检索…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search failed: %1</source>
        <translation>检索失败：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No patients.</source>
        <translation>没有患者。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No patient found for &quot;%1&quot;.</source>
        <translation>未找到与“%1”匹配的患者。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n patient(s) found.</source>
        <translation>
            <numerusform>找到 %n 位患者。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patients %1 to %2, more on the next page.</source>
        <translation>第 %1 至 %2 位患者，下一页还有更多。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patients %1 to %2 (last page).</source>
        <translation>第 %1 至 %2 位患者（最后一页）。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::PatientSummary</name>
    <message>
        <location filename="../apps/registration/src/patient_summary.cpp" line="+27"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Patient registration</source>
        <translation>患者登记单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lumen %1, printed %2</source>
        <translation>Lumen %1，打印时间 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signature of the patient: ____________________</source>
        <translation>患者签名：____________________</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Print registration summary</source>
        <translation>打印登记单</translation>
    </message>
</context>
<context>
    <name>lumen::registration::PatientTableModel</name>
    <message>
        <location filename="../apps/registration/src/patient_table_model.cpp" line="+61"/>
        <source>%1 (confidential)</source>
        <translation>%1（保密）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Birth date (age)</source>
        <translation>出生日期（年龄）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>National ID no.</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Medical card no.</source>
        <translation>就诊卡号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outpatient no.</source>
        <translation>门诊号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>lumen::registration::QueueDeskPanel</name>
    <message>
        <location filename="../apps/registration/src/queue_desk_panel.cpp" line="+96"/>
        <source>Queue calling</source>
        <translation>排队叫号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Room:</source>
        <translation>检查室(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket</source>
        <translation>排队号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Appointment no.</source>
        <translation>预约号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call next (F5)</source>
        <translation>呼叫下一位 (F5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recall (F6)</source>
        <translation>重呼 (F6)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip (F7)</source>
        <translation>过号 (F7)</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Now called: %1 %2</source>
        <translation>正在呼叫：%1 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody called yet</source>
        <translation>尚未呼叫</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Called</source>
        <translation>已呼叫</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Waiting</source>
        <translation>等候中</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Nobody is waiting for %1.</source>
        <translation>%1 没有等候的患者。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Called %1 %2.</source>
        <translation>已呼叫 %1 %2。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Called again.</source>
        <translation>已重新呼叫。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Skipped: the patient waits behind the next one.</source>
        <translation>已过号：该患者排到下一位之后。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::QueueScreen</name>
    <message>
        <location filename="../apps/registration/src/queue_screen.cpp" line="+112"/>
        <source>Queue</source>
        <translation>排队叫号</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Number %1, please go to %2 for your exam</source>
        <translation>请 %1 号 到 %2 检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number %1 %2, please go to %3 for your exam</source>
        <translation>请 %1 号 %2 到 %3 检查</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Please wait for your number to be called</source>
        <translation>请留意叫号，按顺序就诊</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Now called</source>
        <translation>正在就诊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please get ready</source>
        <translation>请准备</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot sign in: %1</source>
        <translation>无法登录：%1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody waiting</source>
        <translation>暂无等候</translation>
    </message>
</context>
<context>
    <name>lumen::registration::QueueTicket</name>
    <message>
        <location filename="../apps/registration/src/queue_ticket.cpp" line="+50"/>
        <source>Queue ticket</source>
        <translation>排队小票</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n patient(s) waiting before you</source>
        <translation>
            <numerusform>您前面还有 %n 人等候</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appointment time %1</source>
        <translation>预约时间 %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Please wait for your number to be called on the screen.</source>
        <translation>请留意叫号屏及语音提示。</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+13"/>
        <source>Queue ticket %1</source>
        <translation>排队小票 %1</translation>
    </message>
</context>
<context>
    <name>lumen::registration::RegistrationWindow</name>
    <message>
        <location filename="../apps/registration/src/registration_window.cpp" line="+29"/>
        <source>Registration</source>
        <translation>登记工作站</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>&amp;Patient</source>
        <translation>患者(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patient actions</source>
        <translation>患者操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find patient</source>
        <translation>查找患者(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New registration</source>
        <translation>新患者登记(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel changes</source>
        <translation>取消修改(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Merge duplicates...</source>
        <translation>合并重复患者(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History...</source>
        <translation>修改记录(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print summary...</source>
        <translation>打印登记单(&amp;P)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E&amp;xam</source>
        <translation>检查(&amp;X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Register exam...</source>
        <translation>检查登记(&amp;R)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Book...</source>
        <translation>预约(&amp;B)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Change booking...</source>
        <translation>改约(&amp;C)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ancel booking...</source>
        <translation>取消预约(&amp;A)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booking ca&amp;lendar</source>
        <translation>预约日历(&amp;L)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booking &amp;statistics...</source>
        <translation>预约统计(&amp;S)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Booking statistics</source>
        <translation>预约统计</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Queue calling...</source>
        <translation>排队叫号(&amp;Q)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print appointment slip...</source>
        <translation>打印预约单(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save appointment slip as P&amp;DF...</source>
        <translation>预约单另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Appointment slip</source>
        <translation>预约单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This exam has no appointment to print.</source>
        <translation>该检查没有可打印的预约。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::RequisitionFiles</name>
    <message>
        <location filename="../apps/registration/src/requisition_file.cpp" line="+23"/>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is %2; a requisition may be at most %3.</source>
        <translation>%1 大小为 %2；申请单最大 %3。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is empty.</source>
        <translation>%1 是空文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is larger than %2.</source>
        <translation>%1 大于 %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is not a JPEG, PNG or PDF file.</source>
        <translation>%1 不是 JPEG、PNG 或 PDF 文件。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Attach requisition</source>
        <translation>附加申请单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scanned requisitions (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>扫描申请单 (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>lumen::registration::RoomStopDialog</name>
    <message>
        <location filename="../apps/registration/src/room_stop_dialog.cpp" line="+146"/>
        <source>Stop / reopen room</source>
        <translation>检查室停开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Room:</source>
        <translation>检查室(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;to:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;eason:</source>
        <translation>原因(&amp;E)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Equipment failure</source>
        <translation>设备故障</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Equipment maintenance</source>
        <translation>设备检修</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Staff shortage</source>
        <translation>人员不足</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>why the room stops (told to the patients)</source>
        <translation>停机原因（将告知患者）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+273"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location line="-273"/>
        <location line="+273"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="-273"/>
        <location line="+273"/>
        <source>Booked slot</source>
        <translation>原预约时段</translation>
    </message>
    <message>
        <location line="-273"/>
        <location line="+273"/>
        <source>New slot</source>
        <translation>新时段</translation>
    </message>
    <message>
        <location line="-272"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop room...</source>
        <translation>停机(&amp;S)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;open room...</source>
        <translation>恢复开放(&amp;O)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print &amp;list...</source>
        <translation>打印通知名单(&amp;L)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>(stopped today)</source>
        <translation>（今日停机）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Stopping and reopening rooms needs the scheduling.admin permission.</source>
        <translation>停开检查室需要 scheduling.admin 权限。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a room.</source>
        <translation>请选择检查室。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The last day must not be before the first.</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+22"/>
        <source>Give the reason for the stop.</source>
        <translation>请填写停机原因。</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Looking for new slots...</source>
        <translation>正在查找新时段...</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+37"/>
        <location line="+86"/>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location line="-121"/>
        <location line="+5"/>
        <source>Stop room</source>
        <translation>停机</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Stop %1 on %2?

Its booked exams move to the next free slots; patients without one stay where they are and must be called.</source>
        <translation>%2 停用%1？

已预约的检查将改约到最近的空闲时段；找不到时段的患者保留原预约，须电话联系。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Stopping the room...</source>
        <translation>正在停机...</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Reopen room</source>
        <translation>恢复开放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen %1 on %2? Exams moved by the stop stay at their new slots.</source>
        <translation>%2 恢复开放%1？因停机改约的检查保持新时段不变。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 is open again on %2.</source>
        <translation>%1 已于 %2 恢复开放。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No slot</source>
        <translation>无可用时段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No slot: %1</source>
        <translation>无可用时段：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(no phone)</source>
        <translation>（无电话）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The room is stopped. No booked exam was affected.</source>
        <translation>检查室已停机，没有受影响的预约。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No booked exam is affected by this stop.</source>
        <translation>此次停机不影响任何预约。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The room is stopped: %n booking(s) affected, %1 moved, %2 without a slot. Print the list and phone the patients.</source>
        <translation>
            <numerusform>检查室已停机：影响 %n 个预约，已改约 %1 个，%2 个无可用时段。请打印名单并电话通知患者。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Preview, nothing changed yet: %n booking(s) affected, %1 can move, %2 without a slot.</source>
        <translation>
            <numerusform>预览（尚未生效）：影响 %n 个预约，可改约 %1 个，%2 个无可用时段。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Patients to notify of a room stop</source>
        <translation>检查室停机患者通知名单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Room: %1</source>
        <translation>检查室：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Days: %1</source>
        <translation>日期：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview: the room is not stopped yet.</source>
        <translation>预览：检查室尚未停机。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Called</source>
        <translation>已通知</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Printed %1</source>
        <translation>打印时间 %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+11"/>
        <source>Room stop notice list</source>
        <translation>停机通知名单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the notice list</source>
        <translation>打印通知名单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The list could not be printed.</source>
        <translation>名单未能打印。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::SlipDialog</name>
    <message>
        <location filename="../apps/registration/src/slip_dialog.cpp" line="+31"/>
        <source>Appointment slip</source>
        <translation>预约单</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Print...</source>
        <translation>打印(&amp;P)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as P&amp;DF...</source>
        <translation>另存为 PDF(&amp;D)...</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Slip %1 sent to the printer.</source>
        <translation>预约单 %1 已发送到打印机。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Slip %1 saved as PDF.</source>
        <translation>预约单 %1 已保存为 PDF。</translation>
    </message>
</context>
<context>
    <name>lumen::registration::StatisticsWindow</name>
    <message>
        <location filename="../apps/registration/src/statistics_window.cpp" line="+314"/>
        <source>The first day is after the last day: swap them or pick a preset.</source>
        <translation>开始日期晚于结束日期：请调换日期或选择预设范围。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>At most a year at a time: shorten the range.</source>
        <translation>一次最多统计一年：请缩短日期范围。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The statistics could not be loaded: %1</source>
        <translation>无法加载统计数据：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Loading statistics...</source>
        <translation>正在加载统计数据...</translation>
    </message>
    <message numerus="yes">
        <location line="+45"/>
        <source>%1 to %2, %n booking(s)</source>
        <translation>
            <numerusform>%1 至 %2，共 %n 个预约</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Attended %1, no-show %2, cancelled %3, pending %4</source>
        <translation>已到检 %1，爽约 %2，已取消 %3，待检 %4</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <location line="+4"/>
        <source>Of the %n booking(s) whose day has been decided (attended or no-show)</source>
        <translation>
            <numerusform>按已有结果（到检或爽约）的 %n 个预约计算</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Of every booking made, cancelled ones included</source>
        <translation>按全部预约（含已取消）计算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 / %2 d</source>
        <translation>%1 / %2 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days from booking to the exam: median %1, 90th percentile %2, mean %3, longest %4</source>
        <translation>从预约到检查的天数：中位数 %1，第90百分位 %2，平均 %3，最长 %4</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+261"/>
        <source>Attended</source>
        <translation>已到检</translation>
    </message>
    <message>
        <location line="-260"/>
        <location line="+260"/>
        <source>No-show</source>
        <translation>爽约</translation>
    </message>
    <message>
        <location line="-259"/>
        <location line="+260"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-259"/>
        <location line="+259"/>
        <source>Pending</source>
        <translation>待检</translation>
    </message>
    <message>
        <location line="-236"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Bookings per week</source>
        <translation>每周预约</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bookings per day</source>
        <translation>每日预约</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+9"/>
        <location line="+50"/>
        <location line="+140"/>
        <location line="+10"/>
        <source>Bookings</source>
        <translation>预约数</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>Slot usage %</source>
        <translation>号源使用率 %</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: slot usage %2</source>
        <translation>%1：号源使用率 %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Bookings and slot usage per room</source>
        <translation>各检查室预约数与号源使用率</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+141"/>
        <source>Slot usage</source>
        <translation>号源使用率</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>Bookings per channel</source>
        <translation>各渠道预约</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bookings per channel: none in this period</source>
        <translation>各渠道预约：此期间无预约</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 open hours booked</source>
        <translation>开放 %2 小时中已约 %1 小时</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There are no statistics to export yet.</source>
        <translation>尚无可导出的统计数据。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export booking statistics</source>
        <translation>导出预约统计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Booking statistics</source>
        <translation>预约统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;To</source>
        <translation>至(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last and next 7 days</source>
        <translation>前后 7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This &amp;week</source>
        <translation>本周(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This &amp;month</source>
        <translation>本月(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Last month</source>
        <translation>上月(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load the figures again (%1)</source>
        <translation>重新加载数据（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export to Excel...</source>
        <translation>导出 Excel(&amp;E)...</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Attendance rate</source>
        <translation>到检率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No-show rate</source>
        <translation>爽约率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel rate</source>
        <translation>取消率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lead time, median / 90th percentile</source>
        <translation>提前预约天数（中位数 / 第90百分位）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Room</source>
        <translation>检查室</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booked time</source>
        <translation>已约时长</translation>
    </message>
</context>
<context>
    <name>lumen::registration::StatisticsXlsx</name>
    <message>
        <location filename="../apps/registration/src/statistics_xlsx.cpp" line="+121"/>
        <location line="+34"/>
        <location line="+119"/>
        <source>Bookings</source>
        <translation>预约数</translation>
    </message>
    <message>
        <location line="-153"/>
        <location line="+35"/>
        <source>Attended</source>
        <translation>已到检</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+35"/>
        <source>No-show</source>
        <translation>爽约</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+36"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+36"/>
        <source>Pending</source>
        <translation>待检</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Booked minutes</source>
        <translation>已约分钟数</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Booking statistics %1 to %2</source>
        <translation>预约统计 %1 至 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Attendance rate</source>
        <translation>到检率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No-show rate</source>
        <translation>爽约率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel rate</source>
        <translation>取消率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lead time, mean (days)</source>
        <translation>提前预约天数，平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead time, median (days)</source>
        <translation>提前预约天数，中位数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead time, 90th percentile (days)</source>
        <translation>提前预约天数，第90百分位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead time, longest (days)</source>
        <translation>提前预约天数，最长</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Lead time: no bookings in the period</source>
        <translation>提前预约天数：此期间无预约</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+20"/>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <location line="+56"/>
        <location line="+33"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Bookings per day</source>
        <translation>每日预约</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>By room</source>
        <translation>按检查室</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Room</source>
        <translation>检查室</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Room code</source>
        <translation>检查室代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open minutes</source>
        <translation>开放分钟数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Slot usage</source>
        <translation>号源使用率</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>By channel</source>
        <translation>按渠道</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Channel</source>
        <translation>预约渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Registration desk</source>
        <translation>登记台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clinic (doctor&apos;s order)</source>
        <translation>临床科室（医生开单）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service desk</source>
        <translation>服务台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Self-service kiosk</source>
        <translation>自助机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Internet / mobile</source>
        <translation>互联网 / 手机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>booking_statistics</source>
        <translation>预约统计</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot create the workbook.</source>
        <translation>无法创建工作簿。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The workbook could not be written: %1</source>
        <translation>无法写入工作簿：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot save %1: is it open in another program?</source>
        <translation>无法保存 %1：文件是否已在其他程序中打开？</translation>
    </message>
</context>
<context>
    <name>lumen::ui::AppShell</name>
    <message>
        <location filename="../modules/ui/src/app_shell.cpp" line="+70"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in &amp;again...</source>
        <translation>重新登录(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出程序(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Server and language...</source>
        <translation>服务器与语言(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Lumen</source>
        <translation>关于 Lumen(&amp;A)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Lumen %1</source>
        <translation>Lumen %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User: %1 (%2)</source>
        <translation>用户：%1（%2）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&lt;p&gt;&lt;b&gt;Lumen %1&lt;/b&gt; %2&lt;/p&gt;&lt;p&gt;Imaging and examination workstations for hospital departments.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Lumen %1&lt;/b&gt; %2&lt;/p&gt;&lt;p&gt;面向医院各科室的影像与检查工作站。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;p&gt;Server: %1 (version %2)&lt;/p&gt;</source>
        <translation>&lt;p&gt;服务器：%1（版本 %2）&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About Lumen</source>
        <translation>关于 Lumen</translation>
    </message>
</context>
<context>
    <name>lumen::ui::DomainText</name>
    <message>
        <location filename="../modules/ui/src/domain_text.cpp" line="+8"/>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registrar</source>
        <translation>登记员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Technologist</source>
        <translation>技师</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Radiologist</source>
        <translation>放射科医师</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approving radiologist</source>
        <translation>审核医师</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clinician</source>
        <translation>临床医师</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lab technician</source>
        <translation>检验技师</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lab quality officer</source>
        <translation>质控员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consultant</source>
        <translation>会诊专家</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Radiology</source>
        <translation>放射科</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ultrasound</source>
        <translation>超声科</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Endoscopy</source>
        <translation>内镜中心</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Laboratory</source>
        <translation>检验科</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cell therapy lab</source>
        <translation>细胞治疗实验室</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clinical departments</source>
        <translation>临床科室</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consultation center</source>
        <translation>会诊中心</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administration</source>
        <translation>行政管理</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>National ID no.</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Medical card no.</source>
        <translation>就诊卡号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outpatient no.</source>
        <translation>门诊号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inpatient no.</source>
        <translation>住院号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registration no.</source>
        <translation>登记号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Social security no.</source>
        <translation>社保号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HIS patient ID</source>
        <translation>HIS患者ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confidential</source>
        <translation>保密</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The national ID number must have 18 characters.</source>
        <translation>身份证号必须为 18 位。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The national ID number must be 17 digits followed by a digit or X.</source>
        <translation>身份证号应为 17 位数字加 1 位数字或 X。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The national ID number starts with an unknown region code.</source>
        <translation>身份证号开头的地区代码不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The national ID number contains an impossible birth date.</source>
        <translation>身份证号中的出生日期不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The national ID number has a wrong check digit; please check it against the ID card.</source>
        <translation>身份证号校验位错误，请对照身份证核对。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The national ID number is not valid.</source>
        <translation>身份证号无效。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sex does not match the national ID number, which says %1.</source>
        <translation>性别与身份证号不符，身份证号显示为%1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Birth date does not match the national ID number, which says %1.</source>
        <translation>出生日期与身份证号不符，身份证号显示为 %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name is required.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name must have at most 64 characters.</source>
        <translation>姓名最多 64 个字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name must not contain control characters.</source>
        <translation>姓名中不能含有控制字符。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Birth date lies in the future.</source>
        <translation>出生日期不能晚于今天。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Birth date is before 1880.</source>
        <translation>出生日期不能早于 1880 年。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phone must have 7 to 20 digits (spaces, &apos;-&apos; and a leading &apos;+&apos; allowed).</source>
        <translation>电话号码应为 7 至 20 位数字（可含空格、“-”及开头的“+”）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address must have at most 200 characters.</source>
        <translation>住址最多 200 个字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use at most 64 letters, digits and the characters - _ / .</source>
        <translation>最多 64 个字符，只能使用字母、数字及 - _ / . 符号。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 y</source>
        <comment>age in years</comment>
        <translation>%1岁</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 mo</source>
        <comment>age in months</comment>
        <translation>%1个月</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 d</source>
        <comment>age in days</comment>
        <translation>%1天</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge undone</source>
        <translation>撤销合并</translation>
    </message>
</context>
<context>
    <name>lumen::ui::ErrorText</name>
    <message>
        <location filename="../modules/ui/src/error_text.cpp" line="+12"/>
        <source>The server cannot be reached. Check the server address and the network (%1).</source>
        <translation>无法连接服务器，请检查服务器地址和网络（%1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server did not answer within %1 seconds. Please try again.</source>
        <translation>服务器在 %1 秒内未响应，请重试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server&apos;s answer could not be read (%1).</source>
        <translation>无法读取服务器的响应（%1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please log in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The user name or the password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This account is locked after too many failed log-ins. The server says: %1</source>
        <translation>登录失败次数过多，此账号已被锁定。服务器提示：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your session has ended. Please log in again.</source>
        <translation>登录已失效，请重新登录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your role is not allowed to do this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The record was not found. It may have been merged, or it is confidential.</source>
        <translation>未找到该记录，可能已被合并或属于保密患者。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This number is already registered for another patient.</source>
        <translation>该号码已登记给其他患者。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A patient with the same name and birth date is already registered.</source>
        <translation>已登记过同名且出生日期相同的患者。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sex or birth date do not match the national ID number.</source>
        <translation>性别或出生日期与身份证号不符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Someone else changed this record in the meantime. Reload it and make your change again.</source>
        <translation>该记录已被他人修改，请重新加载后再修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The data sent is too large.</source>
        <translation>提交的数据过大。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server had an internal error. Please try again, or call IT support if it persists.</source>
        <translation>服务器内部错误，请重试；如仍出现，请联系信息科。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the data: %1</source>
        <translation>服务器拒绝了提交的数据：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request failed (%1).</source>
        <translation>请求失败（%1）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Server online</source>
        <translation>服务器在线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server offline, retrying</source>
        <translation>服务器离线，正在重试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session expired, please log in again</source>
        <translation>登录已过期，请重新登录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connecting to the server</source>
        <translation>正在连接服务器</translation>
    </message>
</context>
<context>
    <name>lumen::ui::LoginDialog</name>
    <message>
        <location filename="../modules/ui/src/login_dialog.cpp" line="+103"/>
        <source>Log in to Lumen</source>
        <translation>登录 Lumen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lumen %1</source>
        <translation>Lumen %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Server address:</source>
        <translation>服务器地址(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. http://pacs-server:8080</source>
        <translation>例如 http://pacs-server:8080</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Please enter the server address, e.g. http://pacs-server:8080.</source>
        <translation>请输入服务器地址，例如 http://pacs-server:8080。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Please enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Please enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connecting to %1 ...</source>
        <translation>正在连接 %1 …</translation>
    </message>
</context>
<context>
    <name>lumen::ui::SettingsDialog</name>
    <message>
        <location filename="../modules/ui/src/settings_dialog.cpp" line="+56"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Server address:</source>
        <translation>服务器地址(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new server address is used from the next log-in. The language changes at once.</source>
        <translation>新的服务器地址在下次登录时生效；界面语言立即切换。</translation>
    </message>
</context>
<context>
    <name>lumen::viewer</name>
    <message>
        <location filename="../modules/viewer/src/slice_view_text.cpp" line="+32"/>
        <source>mm</source>
        <translation>mm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>px</source>
        <translation>像素</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Area 0</source>
        <translation>面积 0</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Area %1 mm²</source>
        <translation>面积 %1 mm²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area %1 px²</source>
        <translation>面积 %1 像素²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
Mean %2%3  SD %4
Min %5  Max %6</source>
        <translation>%1
均值 %2%3  标准差 %4
最小 %5  最大 %6</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cobb %1°</source>
        <translation>Cobb角 %1°</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CTR %1</source>
        <translation>心胸比 %1</translation>
    </message>
</context>
<context>
    <name>lumen::viewer::MprView</name>
    <message>
        <location filename="../modules/viewer/src/mpr_view.cpp" line="+142"/>
        <source>Thin</source>
        <translation>薄层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MIP</source>
        <translation>MIP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MinIP</source>
        <translation>MinIP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slab thickness</source>
        <translation>层块厚度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset planes</source>
        <translation>复位平面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw curve</source>
        <translation>绘制曲线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save to archive</source>
        <translation>存入影像库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click points along a vessel on the axial view; double-click to finish</source>
        <translation>在轴位图上沿血管逐点单击；双击结束</translation>
    </message>
</context>
<context>
    <name>lumen::viewer::SliceView</name>
    <message>
        <location filename="../modules/viewer/src/slice_view.cpp" line="+580"/>
        <source>Annotation</source>
        <translation>标注</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text:</source>
        <translation>文字：</translation>
    </message>
    <message>
        <location filename="../modules/viewer/src/slice_view_overlays.cpp" line="+144"/>
        <source>(identity hidden)</source>
        <translation>（已隐藏患者信息）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Im: %1/%2</source>
        <translation>图: %1/%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loc: %1 mm</source>
        <translation>位置: %1 mm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Thk: %1 mm</source>
        <translation>层厚: %1 mm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pixel spacing unknown: measurements in pixels</source>
        <translation>像素间距未知：测量单位为像素</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>W: %1 L: %2</source>
        <translation>窗宽: %1 窗位: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom: %1%</source>
        <translation>缩放: %1%</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>%1 mm</source>
        <translation>%1 mm</translation>
    </message>
</context>
</TS>
