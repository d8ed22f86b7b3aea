<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>Activities and cases</source>
        <translation>活动与案件</translation>
    </message>
    <message>
        <source>Other activities</source>
        <translation>其他履职活动</translation>
    </message>
    <message>
        <source>Mediation and petition cases</source>
        <translation>调解/信访案件</translation>
    </message>
    <message>
        <source>Activity kinds</source>
        <translation>活动类型</translation>
    </message>
    <message>
        <source>District mode: the rooms&apos; activities and cases arrive with their bundles and are read-only here; the district office&apos;s and townships&apos; own are added and edited here.</source>
        <translation>区政协模式：各议事室的活动与案件随数据包传来，此处只读；区政协本级和各镇（街道）自己的活动与案件在此新增和编辑。</translation>
    </message>
</context>
<context>
    <name>ActivitiesTab</name>
    <message>
        <source>Search title, summary or member (Ctrl+L)</source>
        <translation>搜索主题、活动情况或委员（Ctrl+L）</translation>
    </message>
    <message>
        <source>New activity</source>
        <translation>新增活动</translation>
    </message>
    <message>
        <source>Record an activity (Ctrl+N)</source>
        <translation>记录一次活动（Ctrl+N）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>参加委员</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>%1 activities</source>
        <translation>共 %1 次活动</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>New activity</source>
        <translation>新增活动</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Edit activity</source>
        <translation>编辑活动</translation>
    </message>
    <message>
        <source>e.g. reading &apos;From the Soil&apos; together</source>
        <translation>如：共读《乡土中国》</translation>
    </message>
    <message>
        <source>e.g. six residents, the grid worker</source>
        <translation>如：居民代表6人、网格员</translation>
    </message>
    <message>
        <source>What was done and what was heard</source>
        <translation>活动内容、听取的意见</translation>
    </message>
    <message>
        <source>the activity&apos;s date</source>
        <translation>活动日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>活动类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Others present</source>
        <translation>其他参加人员</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>活动情况</translation>
    </message>
    <message>
        <source>Members who took part</source>
        <translation>参加活动的委员</translation>
    </message>
    <message>
        <source>No activity kinds yet: they come with the district&apos;s roster.</source>
        <translation>还没有活动类型：活动类型随区政协的委员名册一同下发。</translation>
    </message>
</context>
<context>
    <name>AgendaTab</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>议题</translation>
    </message>
    <message>
        <source> (immediate)</source>
        <translation>（即时性协商）</translation>
    </message>
    <message>
        <source>Topic status</source>
        <translation>议题状态</translation>
    </message>
    <message>
        <source>Consensus</source>
        <translation>协商结论</translation>
    </message>
    <message>
        <source>Add to agenda</source>
        <translation>列入议程</translation>
    </message>
    <message>
        <source>Immediate consultation: type a topic raised on the spot, press Enter</source>
        <translation>即时性协商：输入现场提出的议题，按回车列入议程</translation>
    </message>
    <message>
        <source>Add immediate topic</source>
        <translation>列入即时议题</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移出议程</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>议题：</translation>
    </message>
    <message>
        <source>Added a topic to the agenda</source>
        <translation>议程中增加议题</translation>
    </message>
    <message>
        <source>Added an immediate topic</source>
        <translation>议程中增加即时议题</translation>
    </message>
    <message>
        <source>Reordered the agenda</source>
        <translation>调整议程顺序</translation>
    </message>
    <message>
        <source>Removed a topic from the agenda</source>
        <translation>从议程中移出议题</translation>
    </message>
</context>
<context>
    <name>AnnounceDialog</name>
    <message>
        <source>Announce topic</source>
        <translation>发布议题公告</translation>
    </message>
    <message>
        <source>Announced on:</source>
        <translation>公告日期：</translation>
    </message>
    <message>
        <source>Claim by:</source>
        <translation>认领截止：</translation>
    </message>
</context>
<context>
    <name>AppLockPasswordDialog</name>
    <message>
        <source>Turn on the app lock</source>
        <translation>开启应用锁</translation>
    </message>
    <message>
        <source>Change the app lock password</source>
        <translation>修改应用锁密码</translation>
    </message>
    <message>
        <source>Turn off the app lock</source>
        <translation>关闭应用锁</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>At least %1 characters. Keep it safe: without it Yishi cannot be unlocked.</source>
        <translation>至少 %1 个字符。请妥善保管：忘记密码将无法解锁议事。</translation>
    </message>
</context>
<context>
    <name>AppLockSection</name>
    <message>
        <source>Turn on…</source>
        <translation>开启…</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>Turn off…</source>
        <translation>关闭…</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>立即锁定</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>without keyboard or mouse input</source>
        <translation>无键盘或鼠标操作</translation>
    </message>
    <message>
        <source>Lock after</source>
        <translation>自动锁定</translation>
    </message>
    <message>
        <source>On: Yishi asks for the password at start and after %1 minutes without input.</source>
        <translation>已开启：启动时以及 %1 分钟无操作后，议事要求输入密码。</translation>
    </message>
    <message>
        <source>Off. On a computer others use too, turn it on: Yishi then asks for a password at start and after a while without input.</source>
        <translation>未开启。这台电脑如有他人使用，请开启：议事将在启动时以及一段时间无操作后要求输入密码。</translation>
    </message>
</context>
<context>
    <name>AreaDialog</name>
    <message>
        <source>New area</source>
        <translation>新建片区</translation>
    </message>
    <message>
        <source>Edit area</source>
        <translation>编辑片区</translation>
    </message>
    <message>
        <source>(choose a township)</source>
        <translation>（请选择镇/街道）</translation>
    </message>
    <message>
        <source>This township has no consultation room yet.</source>
        <translation>该镇（街道）还没有协商议事室。</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>Area name</source>
        <translation>片区名称</translation>
    </message>
    <message>
        <source>Rooms covered</source>
        <translation>包含的议事室</translation>
    </message>
    <message>
        <source> (now in %1)</source>
        <translation>（现属%1）</translation>
    </message>
</context>
<context>
    <name>AreasTab</name>
    <message>
        <source>New area</source>
        <translation>新建片区</translation>
    </message>
    <message>
        <source>Add an area (片区) and the rooms it covers (Ctrl+N)</source>
        <translation>新建片区并选定其包含的议事室（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete an area no assignment names, past ones included (Delete)</source>
        <translation>删除没有任何派驻（含已结束的）的片区（Delete）</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Rooms covered</source>
        <translation>包含的议事室</translation>
    </message>
    <message>
        <source>Members assigned now</source>
        <translation>现派驻委员</translation>
    </message>
    <message>
        <source>%1 areas</source>
        <translation>共 %1 个片区</translation>
    </message>
    <message>
        <source>Delete area</source>
        <translation>删除片区</translation>
    </message>
    <message>
        <source>Delete the area “%1”? The rooms it covers (%2) are left in no area. The rooms get the change with the next bundle.</source>
        <translation>删除片区“%1”？它联系的议事室（%2）将不属于任何片区。各议事室在下一个数据包中收到此变更。</translation>
    </message>
    <message>
        <source>Delete the area “%1”? It covers no room. The rooms get the change with the next bundle.</source>
        <translation>删除片区“%1”？它没有联系任何议事室。各议事室在下一个数据包中收到此变更。</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign %1</source>
        <translation>派驻 %1</translation>
    </message>
    <message>
        <source>(choose an area or a room)</source>
        <translation>（请选择片区或议事室）</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>派驻止</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>派驻到</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
</context>
<context>
    <name>AssignmentsPanel</name>
    <message>
        <source>Assign…</source>
        <translation>派驻…</translation>
    </message>
    <message>
        <source>Assign the member to an area (片区) or a room</source>
        <translation>把委员派驻到片区或议事室</translation>
    </message>
    <message>
        <source>End assignment…</source>
        <translation>结束派驻…</translation>
    </message>
    <message>
        <source>Cancel assignment…</source>
        <translation>撤销派驻…</translation>
    </message>
    <message>
        <source>Delete an assignment made by mistake; it leaves no history</source>
        <translation>删除误录的派驻，不留历史记录</translation>
    </message>
    <message>
        <source>Area or room</source>
        <translation>片区或议事室</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>(ongoing)</source>
        <translation>至今</translation>
    </message>
    <message>
        <source>Assignments of %1</source>
        <translation>%1 的派驻</translation>
    </message>
    <message>
        <source>Assignments (choose a member)</source>
        <translation>派驻（请先选择委员）</translation>
    </message>
    <message>
        <source>End assignment</source>
        <translation>结束派驻</translation>
    </message>
    <message>
        <source>End this assignment of %1? It stays in the history.</source>
        <translation>结束 %1 的这项派驻吗？派驻记录仍会保留。</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source>Cancel assignment</source>
        <translation>撤销派驻</translation>
    </message>
    <message>
        <source>Cancel the assignment of %1 to %2 (%3)? Only for an assignment made by mistake: it is deleted and leaves no history, and meetings no longer suggest the member there. Attendance already recorded stays. An assignment that really ended is ended instead.</source>
        <translation>撤销%1到%2的派驻（%3）？仅用于误录的派驻：删除后不留历史，会议签到也不再建议该委员。已记录的出席保留。确实已结束的派驻请用“结束派驻”。</translation>
    </message>
</context>
<context>
    <name>AttachSlipsDialog</name>
    <message>
        <source>Attach to a topic</source>
        <translation>归入已有议题</translation>
    </message>
    <message>
        <source>Choose the topic the %1 slips belong to:</source>
        <translation>选择这 %1 张采集表所归入的议题：</translation>
    </message>
    <message>
        <source>Search topic titles</source>
        <translation>搜索议题标题</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Raised on</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Choose a topic</source>
        <translation>请选择一个议题</translation>
    </message>
</context>
<context>
    <name>AttachmentsTab</name>
    <message>
        <source>Add photos or scans…</source>
        <translation>添加照片或扫描件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Add photos or scans</source>
        <translation>添加照片或扫描件</translation>
    </message>
    <message>
        <source>Photos and scans (*.jpg *.jpeg *.png *.bmp *.gif *.pdf);;All files (*)</source>
        <translation>照片和扫描件 (*.jpg *.jpeg *.png *.bmp *.gif *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Adding %1 files…</source>
        <translation>正在添加 %1 个文件…</translation>
    </message>
    <message>
        <source>Added attachments</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Removed an attachment</source>
        <translation>删除附件</translation>
    </message>
</context>
<context>
    <name>AttendanceTab</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit / position</source>
        <translation>单位／职务</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出席情况</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <source>expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <source>walk-in</source>
        <translation>临时到会</translation>
    </message>
    <message>
        <source>Reason for leave</source>
        <translation>请假事由</translation>
    </message>
    <message>
        <source>Fill in expected people</source>
        <translation>填入应到人员</translation>
    </message>
    <message>
        <source>Members assigned to this room or its area, and the participants who came to any of the room&apos;s last three meetings</source>
        <translation>联系本议事室或所在片区的政协委员，以及最近三次活动到会的参加人员</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Mark the selected people present, now</source>
        <translation>将选中人员标记为出席，签到时间为现在</translation>
    </message>
    <message>
        <source>On leave…</source>
        <translation>请假…</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>移出名单</translation>
    </message>
    <message>
        <source>Add as expected</source>
        <translation>加入应到</translation>
    </message>
    <message>
        <source>Walk-in: type the name, a space, then unit/position, and press Enter</source>
        <translation>临时到会：输入“姓名 单位/职务”，如“李明 区城管局/科员”，按回车</translation>
    </message>
    <message>
        <source>Add walk-in</source>
        <translation>临时到会</translation>
    </message>
    <message>
        <source>Awaiting sign-in</source>
        <translation>待签到</translation>
    </message>
    <message>
        <source>Expected %1 · present %2 · on leave %3</source>
        <translation>应到 %1 人 · 实到 %2 人 · 请假 %3 人</translation>
    </message>
    <message>
        <source>Filled in the expected people</source>
        <translation>填入应到人员</translation>
    </message>
    <message>
        <source>Select one or more people in the list first.</source>
        <translation>请先在名单中选择人员。</translation>
    </message>
    <message>
        <source>Signed people in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Reason for leave (may be left empty):</source>
        <translation>请假事由（可不填）：</translation>
    </message>
    <message>
        <source>Marked on leave</source>
        <translation>登记请假</translation>
    </message>
    <message>
        <source>Marked absent</source>
        <translation>登记缺席</translation>
    </message>
    <message>
        <source>Removed from the list</source>
        <translation>移出签到名单</translation>
    </message>
    <message>
        <source>Added an expected person</source>
        <translation>增加应到人员</translation>
    </message>
    <message>
        <source>Added a walk-in</source>
        <translation>增加临时到会人员</translation>
    </message>
</context>
<context>
    <name>AttentionListModel</name>
    <message>
        <source>consultation meeting</source>
        <translation>协商议事活动</translation>
    </message>
    <message>
        <source>Meeting today: %1</source>
        <translation>今天召开议事活动：%1</translation>
    </message>
    <message>
        <source>Meeting on %1 (in %2 days): %3</source>
        <translation>%1召开议事活动（还有 %2 天）：%3</translation>
    </message>
    <message>
        <source>Outcome %1 days past its deadline of %2: %3</source>
        <translation>成果逾期 %1 天（办理期限 %2）：%3</translation>
    </message>
    <message>
        <source>Topic shortlisted, waiting to be announced: %1</source>
        <translation>议题已初选，待公告：%1</translation>
    </message>
    <message>
        <source>Claim deadline %1 passed and nobody claimed the topic: %2</source>
        <translation>认领已于 %1 截止，尚无委员认领：%2</translation>
    </message>
    <message>
        <source>Topic announced, waiting to be claimed by %1: %2</source>
        <translation>议题已公告，待认领（截止 %1）：%2</translation>
    </message>
    <message>
        <source>%1 opinion slips not yet made into a topic; the oldest is from %2</source>
        <translation>%1 张社情民意采集表尚未形成议题，最早一张收集于 %2</translation>
    </message>
    <message>
        <source>No bundle received since enrolment, %1 days ago</source>
        <translation>登记已%1天，尚未收到数据包</translation>
    </message>
    <message>
        <source>No bundle for %1 days; the last came on %2</source>
        <translation>已%1天未收到数据包，最近一次为%2</translation>
    </message>
    <message>
        <source>%1: %2 outcomes overdue, the longest by %3 days</source>
        <translation>%1：%2项成果逾期，最长逾期%3天</translation>
    </message>
    <message>
        <source>No meeting held this quarter, nor any before</source>
        <translation>本季度未召开协商议事会，此前也没有</translation>
    </message>
    <message>
        <source>No meeting held this quarter; the last was on %1</source>
        <translation>本季度未召开协商议事会，最近一次为%1</translation>
    </message>
    <message>
        <source>%1 days since enrolment and no bundle exported yet: export one for the district office</source>
        <translation>登记已 %1 天，尚未导出过数据包：请导出一个交区政协</translation>
    </message>
    <message>
        <source>%1 days since the last bundle export (%2): export one for the district</source>
        <translation>距上次导出数据包（%2）已 %1 天：请导出一个交区政协</translation>
    </message>
    <message>
        <source>Minutes not final %1 days after the meeting of %2: %3</source>
        <translation>%2的活动已过 %1 天，记录尚未定稿：%3</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <source>Written</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Before import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before update</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>Before restore</source>
        <translation>恢复前</translation>
    </message>
</context>
<context>
    <name>BasicsTab</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未定</translation>
    </message>
    <message>
        <source>e.g. the village committee meeting room</source>
        <translation>如：村委会会议室</translation>
    </message>
    <message>
        <source>e.g. consultation on installing lifts</source>
        <translation>如：老旧小区加装电梯协商议事会</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>协商形式</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>状态变更记录</translation>
    </message>
    <message>
        <source>Undo cancellation…</source>
        <translation>撤销取消…</translation>
    </message>
    <message>
        <source>Undo held…</source>
        <translation>撤销“已召开”…</translation>
    </message>
    <message>
        <source>Plan again</source>
        <translation>恢复计划</translation>
    </message>
    <message>
        <source>Mark as held</source>
        <translation>标记为已召开</translation>
    </message>
    <message>
        <source>Minutes drafted</source>
        <translation>记录已起草</translation>
    </message>
    <message>
        <source>Finalise minutes</source>
        <translation>记录定稿</translation>
    </message>
    <message>
        <source>Cancel meeting</source>
        <translation>取消活动</translation>
    </message>
</context>
<context>
    <name>BundleFileModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Township pack</source>
        <translation>街道下发包</translation>
    </message>
    <message>
        <source>Township pack for %1</source>
        <translation>%1下发包</translation>
    </message>
    <message>
        <source>unknown sender</source>
        <translation>未知发送方</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>第 %1 号</translation>
    </message>
    <message>
        <source>in the pack for %1</source>
        <translation>在%1下发包中</translation>
    </message>
    <message>
        <source>Not for this installation</source>
        <translation>不是发给本机的</translation>
    </message>
    <message>
        <source>Imported before</source>
        <translation>已导入过</translation>
    </message>
    <message>
        <source>Not imported yet</source>
        <translation>尚未导入</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>New case</source>
        <translation>新增案件</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Edit case</source>
        <translation>编辑案件</translation>
    </message>
    <message>
        <source>e.g. a leaking ceiling between neighbours</source>
        <translation>如：楼上漏水引发邻里纠纷</translation>
    </message>
    <message>
        <source>Names of the parties, separated by ；(masked in print)</source>
        <translation>当事人姓名，用“；”分隔（打印时隐去）</translation>
    </message>
    <message>
        <source>How the case ended (needed to close it)</source>
        <translation>处理结果（结案时必填）</translation>
    </message>
    <message>
        <source>the day the case was opened</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Members handling the case</source>
        <translation>包案委员</translation>
    </message>
</context>
<context>
    <name>CasesTab</name>
    <message>
        <source>Search subject, parties, result or member (Ctrl+L)</source>
        <translation>搜索事由、当事人、结果或委员（Ctrl+L）</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新增案件</translation>
    </message>
    <message>
        <source>Record a case (Ctrl+N)</source>
        <translation>登记一件案件（Ctrl+N）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>包案委员</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>共 %1 件案件</translation>
    </message>
</context>
<context>
    <name>ClaimDialog</name>
    <message>
        <source>Claim topic</source>
        <translation>认领议题</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>认领委员：</translation>
    </message>
    <message>
        <source>Claimed on:</source>
        <translation>认领日期：</translation>
    </message>
</context>
<context>
    <name>CompleteDialog</name>
    <message>
        <source>Complete the outcome</source>
        <translation>办结成果</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <source>Result class</source>
        <translation>办结等级</translation>
    </message>
</context>
<context>
    <name>Confirmation</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Members on the roster</source>
        <translation>在册委员</translation>
    </message>
    <message>
        <source>Consultation rooms</source>
        <translation>协商议事室</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Meetings held</source>
        <translation>已召开议事活动</translation>
    </message>
    <message>
        <source>Meetings planned</source>
        <translation>计划中的议事活动</translation>
    </message>
    <message>
        <source>Outcomes being carried out</source>
        <translation>待落实成果</translation>
    </message>
    <message>
        <source>Needs attention today</source>
        <translation>今日待办</translation>
    </message>
    <message>
        <source>Nothing needs attention today.</source>
        <translation>今天没有需要处理的事项。</translation>
    </message>
    <message>
        <source>Set up…</source>
        <translation>开始设置…</translation>
    </message>
    <message>
        <source>This computer is not set up yet</source>
        <translation>本机尚未设置</translation>
    </message>
    <message>
        <source>Choose whether a district CPPCC office or a village or community consultation room uses this computer, and give the names to start keeping records.</source>
        <translation>选择本机供区政协还是村（社区）协商议事室使用，填写名称后即可开始记录。</translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation>尚未设置</translation>
    </message>
    <message>
        <source>Counted over every record the district offices forwarded to this computer; deleted records are not counted.</source>
        <translation>统计本机所存各区政协转报的全部记录；已删除的记录不计在内。</translation>
    </message>
    <message>
        <source>Counted over every record on this computer, including those imported from the rooms; deleted records are not counted.</source>
        <translation>统计范围：本机保存的全部记录，包括从各议事室导入的记录；已删除的记录不计入。</translation>
    </message>
    <message>
        <source>Counted over the records of this room kept on this computer; deleted records are not counted.</source>
        <translation>统计范围：本议事室保存在本机的记录；已删除的记录不计入。</translation>
    </message>
</context>
<context>
    <name>DatabaseSection</name>
    <message>
        <source>Move to a database server…</source>
        <translation>迁移到数据库服务器…</translation>
    </message>
    <message>
        <source>The records are on the PostgreSQL server %1.</source>
        <translation>数据在 PostgreSQL 服务器 %1 上。</translation>
    </message>
    <message>
        <source>The records are in the database file on this computer: %1</source>
        <translation>数据在本机的数据库文件中：%1</translation>
    </message>
    <message>
        <source>The records were moved to the PostgreSQL server %1. Close Yishi and start it again to use the server: until then this window still has the file on this computer open, and whatever is saved in it now stays in the file and is not on the server.</source>
        <translation>数据已迁移到 PostgreSQL 服务器 %1。请关闭议事后重新启动，才会使用服务器：在此之前，本窗口仍打开着本机的数据库文件，现在保存的内容只在该文件中，不在服务器上。</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>Not a date. Type for example 2026-03-05, 2026年3月5日 or 20260305.</source>
        <translation>不是有效日期。请输入如 2026-03-05、2026年3月5日 或 20260305。</translation>
    </message>
</context>
<context>
    <name>DeclineDialog</name>
    <message>
        <source>Decline topic</source>
        <translation>不予立项</translation>
    </message>
    <message>
        <source>Why the topic is not taken up, e.g. it is not for the room to decide</source>
        <translation>不予立项的理由，例如：不属于议事室协商范围</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
</context>
<context>
    <name>DistrictActsDialog</name>
    <message>
        <source>Acts recorded by the district</source>
        <translation>区政协记录的履职</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Kind of act</source>
        <translation>履职类别</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>e.g. the proposal on … was placed on file</source>
        <translation>例如：关于……的提案已立案</translation>
    </message>
    <message>
        <source>Who decided and where it is written: a notice, a leader&apos;s instruction…</source>
        <translation>由谁决定、见于何处：通知、领导批示……</translation>
    </message>
    <message>
        <source>Document number or attached file</source>
        <translation>文号或附件说明</translation>
    </message>
    <message>
        <source>Record act</source>
        <translation>记录履职</translation>
    </message>
    <message>
        <source>Record an act the district knows of</source>
        <translation>记录区政协掌握的履职事项</translation>
    </message>
    <message>
        <source>%1 acts recorded by the district in %2</source>
        <translation>%2年区政协记录的履职%1项</translation>
    </message>
    <message>
        <source>Choose the member the act is credited to</source>
        <translation>请选择计入履职的委员</translation>
    </message>
    <message>
        <source>Remove act</source>
        <translation>移除履职记录</translation>
    </message>
    <message>
        <source>Remove “%1” of %2? It no longer counts in the scores.</source>
        <translation>移除%2的“%1”？移除后不再计入评分。</translation>
    </message>
</context>
<context>
    <name>DocumentPreviewDialog</name>
    <message>
        <source>Print preview: %1</source>
        <translation>打印预览：%1</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Page </source>
        <translation>第 </translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>页，共 %1 页</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Sending the pages to the printer…</source>
        <translation>正在把页面发送到打印机…</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <source>The printer could not be started. Check that it is on and connected.</source>
        <translation>无法启动打印机，请检查打印机是否已开机并连接。</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>This document can only be saved as PDF.</source>
        <translation>此文件只能保存为 PDF。</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存“%1”…</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The document could not be made: %1</source>
        <translation>无法生成文件：%1</translation>
    </message>
    <message>
        <source>Preparing the document</source>
        <translation>正在生成文件</translation>
    </message>
    <message>
        <source>Preparing %1…</source>
        <translation>正在生成“%1”…</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <source>Restored what you typed here last time and did not save.</source>
        <translation>已恢复上次未保存的内容。</translation>
    </message>
</context>
<context>
    <name>DrivePicker</name>
    <message>
        <source>%1 · %2 free</source>
        <translation>%1 · 可用 %2</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>List the drives again after plugging one in</source>
        <translation>插入 U 盘后重新列出磁盘</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>USB drive or folder</source>
        <translation>U 盘或文件夹</translation>
    </message>
</context>
<context>
    <name>DutyPage</name>
    <message>
        <source>Duty scores</source>
        <translation>履职评价</translation>
    </message>
    <message>
        <source> (year)</source>
        <translation> （年度）</translation>
    </message>
    <message>
        <source>All townships</source>
        <translation>全部镇（街道）</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>评价办法…</translation>
    </message>
    <message>
        <source>District acts…</source>
        <translation>区政协记录…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>Print duty file…</source>
        <translation>打印履职档案…</translation>
    </message>
    <message>
        <source>The selected member&apos;s duty file for the year</source>
        <translation>所选委员本年度的履职档案</translation>
    </message>
    <message>
        <source>Use the default rules</source>
        <translation>使用默认评价办法</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>Attendances at held meetings, as the statistics count them; the score counts those whose minutes are final</source>
        <translation>已召开会议的出席人次，与统计口径一致；得分只计纪要已定稿的会议</translation>
    </message>
    <message>
        <source>%1 acts, %2 points, %3 counted</source>
        <translation>%1次，%2分，计入%3分</translation>
    </message>
    <message>
        <source>Scored by %1: base %2; excellent from %3, competent from %4, basic from %5</source>
        <translation>按%1评分：基础分%2；优秀%3分起，称职%4分起，基本称职%5分起</translation>
    </message>
    <message>
        <source>%1 members; %2</source>
        <translation>委员%1名；%2</translation>
    </message>
    <message>
        <source>Export duty scores</source>
        <translation>导出履职评价</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Written to %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>EditSlipDialog</name>
    <message>
        <source>Edit slip</source>
        <translation>修改意见征集单</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Collected on:</source>
        <translation>征集日期：</translation>
    </message>
    <message>
        <source>Grid:</source>
        <translation>网格：</translation>
    </message>
    <message>
        <source>Grid worker:</source>
        <translation>网格员：</translation>
    </message>
    <message>
        <source>Content:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>Reporter:</source>
        <translation>反映人：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
</context>
<context>
    <name>EditTopicDialog</name>
    <message>
        <source>Edit topic</source>
        <translation>修改议题</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Enrol this room</source>
        <translation>登记本议事室</translation>
    </message>
    <message>
        <source>The district office gives you the enrolment file on a USB stick and reads the passphrase out by phone. Every record of this room is kept and goes to the district office in the first bundle.</source>
        <translation>区政协用 U 盘把登记文件交给您，并通过电话告知登记口令。本议事室的全部记录都会保留，并在第一个数据包中发给区政协。</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <source>e.g. 4821-0937-5512-0066-7310-2295</source>
        <translation>例如 4821-0937-5512-0066-7310-2295</translation>
    </message>
    <message>
        <source>Enrolment file:</source>
        <translation>登记文件：</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>登记口令：</translation>
    </message>
    <message>
        <source>Choose the enrolment file</source>
        <translation>选择登记文件</translation>
    </message>
    <message>
        <source>Enrolment files (*.enrol);;All files (*)</source>
        <translation>登记文件 (*.enrol);;所有文件 (*)</translation>
    </message>
    <message>
        <source>This file enrols the room as “%1” (%2) with %3; this room is called “%4”. Enrol under the district&apos;s name?</source>
        <translation>此登记文件把本室登记为“%1”（%2，%3）；本议事室现名“%4”。按区政协的名称登记吗？</translation>
    </message>
    <message>
        <source>Enrolled with %1. Read these fingerprints out to the district office by phone and check that they match:

District: %2
This room: %3</source>
        <translation>已登记到%1。请与区政协电话核对以下密钥指纹，确认一致：

区政协：%2
本议事室：%3</translation>
    </message>
    <message>
        <source>Opening the enrolment file…</source>
        <translation>正在打开登记文件…</translation>
    </message>
    <message>
        <source>Enrolling this room…</source>
        <translation>正在登记本议事室…</translation>
    </message>
</context>
<context>
    <name>EnrolDistrictDialog</name>
    <message>
        <source>Enrol a district office</source>
        <translation>登记区政协</translation>
    </message>
    <message>
        <source>Writes an enrolment file for the district office to take on a USB stick; read the passphrase out to its clerk by phone. The district&apos;s records arrive with its first bundle.</source>
        <translation>为区政协生成登记文件，用 U 盘带去；登记口令请通过电话念给该区工作人员。该区的记录随其第一个数据包送达。</translation>
    </message>
    <message>
        <source>e.g. 崇川区政协</source>
        <translation>例如：崇川区政协</translation>
    </message>
    <message>
        <source>The USB stick or a folder</source>
        <translation>U 盘或文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>District office</source>
        <translation>区政协</translation>
    </message>
    <message>
        <source>Write the file to</source>
        <translation>登记文件写到</translation>
    </message>
    <message>
        <source>Passphrase, to read out by phone:</source>
        <translation>登记口令（请电话告知区政协）：</translation>
    </message>
    <message>
        <source>The passphrase is shown only now. Never write it on the USB stick or keep it with the enrolment file; enrolling the district again makes a new file and passphrase.</source>
        <translation>登记口令只在此显示一次。切勿写在 U 盘上，也不要与登记文件放在一起；重新登记该区会生成新的文件和口令。</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose the folder to write the file to.</source>
        <translation>请选择写入登记文件的文件夹。</translation>
    </message>
    <message>
        <source>Type the district office&apos;s name.</source>
        <translation>请输入区政协名称。</translation>
    </message>
    <message>
        <source>Writing the enrolment file…</source>
        <translation>正在写入登记文件…</translation>
    </message>
    <message>
        <source>Enrolment file written: %1
City key fingerprint: %2</source>
        <translation>登记文件已写入：%1
市政协密钥指纹：%2</translation>
    </message>
</context>
<context>
    <name>EnrolRoomDialog</name>
    <message>
        <source>Re-enrol a room</source>
        <translation>重新登记议事室</translation>
    </message>
    <message>
        <source>Enrol a room</source>
        <translation>登记议事室</translation>
    </message>
    <message>
        <source>e.g. 和平桥社区协商议事室</source>
        <translation>例如：和平桥社区协商议事室</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>议事室名称</translation>
    </message>
    <message>
        <source>Village or community</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Township or street</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>The USB stick or a folder</source>
        <translation>U 盘或文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Write the file to</source>
        <translation>登记文件写到</translation>
    </message>
    <message>
        <source>The room&apos;s current key will be revoked: bundles from its old PC are refused from now on. The records it sent are kept.</source>
        <translation>该议事室现用的密钥将被作废：从现在起拒收其旧电脑发来的数据包。已发来的记录全部保留。</translation>
    </message>
    <message>
        <source>Passphrase, to read out by phone:</source>
        <translation>登记口令（请电话告知议事室）：</translation>
    </message>
    <message>
        <source>Never write the passphrase on the USB stick or keep it with the enrolment file.</source>
        <translation>切勿把登记口令写在 U 盘上，也不要与登记文件放在一起。</translation>
    </message>
    <message>
        <source>Print enrolment sheet</source>
        <translation>打印登记单</translation>
    </message>
    <message>
        <source>Re-enrol</source>
        <translation>重新登记</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose the folder to write the file to.</source>
        <translation>请选择写入登记文件的文件夹。</translation>
    </message>
    <message>
        <source>Writing the enrolment file…</source>
        <translation>正在写入登记文件…</translation>
    </message>
    <message>
        <source>Enrolment file written: %1
District key fingerprint: %2</source>
        <translation>登记文件已写入：%1
区政协密钥指纹：%2</translation>
    </message>
    <message>
        <source>Enrolment sheet</source>
        <translation>登记单</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <source>Escalate</source>
        <translation>转报</translation>
    </message>
    <message>
        <source>e.g. proposal No. 15 of 2026</source>
        <translation>例如：崇政提〔2026〕15号</translation>
    </message>
    <message>
        <source>As</source>
        <translation>转报为</translation>
    </message>
    <message>
        <source>Reference number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Escalated on</source>
        <translation>转报日期</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Feedback to residents</source>
        <translation>向群众反馈</translation>
    </message>
    <message>
        <source>What residents were told, and how</source>
        <translation>向群众反馈了什么、以何种方式</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>尚未回访</translation>
    </message>
    <message>
        <source>Fed back on</source>
        <translation>反馈日期</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈内容</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>群众满意度</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Yishi</source>
        <translation>欢迎使用议事</translation>
    </message>
    <message>
        <source>Set up this computer</source>
        <translation>设置本机</translation>
    </message>
    <message>
        <source>Choose who uses this computer and enter the names. This is asked only once; the names appear on printed documents.</source>
        <translation>请选择本机的使用单位并填写名称。此设置只需进行一次，名称将出现在打印的文书上。</translation>
    </message>
    <message>
        <source>Village or community consultation room</source>
        <translation>村（社区）协商议事室</translation>
    </message>
    <message>
        <source>District CPPCC office (collects the rooms&apos; records)</source>
        <translation>区政协（汇总各议事室的记录）</translation>
    </message>
    <message>
        <source>Consultation room: set up with the district&apos;s enrolment file</source>
        <translation>议事室：用区政协的登记文件设置</translation>
    </message>
    <message>
        <source>City CPPCC office (collects the district offices&apos; records)</source>
        <translation>市政协（汇总各区政协的记录）</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>使用单位</translation>
    </message>
    <message>
        <source>e.g. Hepingqiao Street</source>
        <translation>例如：和平桥街道</translation>
    </message>
    <message>
        <source>Enter the township or street</source>
        <translation>请填写镇（街道）名称</translation>
    </message>
    <message>
        <source>e.g. Hepingqiao Community</source>
        <translation>例如：和平桥社区</translation>
    </message>
    <message>
        <source>Enter the village or community</source>
        <translation>请填写村（社区）名称</translation>
    </message>
    <message>
        <source>e.g. Hepingqiao Community Consultation Room</source>
        <translation>例如：和平桥社区协商议事室</translation>
    </message>
    <message>
        <source>Enter the room&apos;s name</source>
        <translation>请填写议事室名称</translation>
    </message>
    <message>
        <source>Township or street:</source>
        <translation>镇（街道）：</translation>
    </message>
    <message>
        <source>Village or community:</source>
        <translation>村（社区）：</translation>
    </message>
    <message>
        <source>Room name:</source>
        <translation>议事室名称：</translation>
    </message>
    <message>
        <source>e.g. Chongchuan District CPPCC</source>
        <translation>例如：崇川区政协</translation>
    </message>
    <message>
        <source>Enter the committee&apos;s name</source>
        <translation>请填写区政协名称</translation>
    </message>
    <message>
        <source>CPPCC committee:</source>
        <translation>区政协名称：</translation>
    </message>
    <message>
        <source>The district office keeps the roster, the register of rooms and the scoring rules, and collects the rooms&apos; records.</source>
        <translation>区政协维护委员名册、议事室名册和积分规则，汇总各议事室的记录。</translation>
    </message>
    <message>
        <source>e.g. Nantong City CPPCC</source>
        <translation>例如：南通市政协</translation>
    </message>
    <message>
        <source>The city office enrols the district offices and imports what they forward, for its statistics; it keeps no records of its own. Its keys are made now.</source>
        <translation>市政协登记各区政协并导入其转发的数据用于统计，本身不录入任何记录。密钥在此时生成。</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>e.g. 4821-0937-5512-0066-7310-2295</source>
        <translation>例如 4821-0937-5512-0066-7310-2295</translation>
    </message>
    <message>
        <source>Enrolment file:</source>
        <translation>登记文件：</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>登记口令：</translation>
    </message>
    <message>
        <source>The district office gives you the file on a USB stick and reads the passphrase out by phone. Records already on this computer are kept.</source>
        <translation>区政协用U盘交给您登记文件，并通过电话告知登记口令。本机已有的记录会全部保留。</translation>
    </message>
    <message>
        <source>Try it with demo data</source>
        <translation>用示例数据试用</translation>
    </message>
    <message>
        <source>Adds sample members, topics, meetings and outcomes, so you can look around before entering your own records.</source>
        <translation>添加示例委员、议题、议事活动和协商成果，便于在录入真实记录之前先熟悉软件。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>Choose the enrolment file</source>
        <translation>选择登记文件</translation>
    </message>
    <message>
        <source>Enrolment files (*.enrol);;All files (*)</source>
        <translation>登记文件 (*.enrol);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Opening the enrolment file…</source>
        <translation>正在打开登记文件…</translation>
    </message>
    <message>
        <source>%1 Consultation Room</source>
        <translation>%1协商议事室</translation>
    </message>
</context>
<context>
    <name>FontChooser</name>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Use the default</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Not chosen: printing uses its default font</source>
        <translation>未选择：打印时使用默认字体</translation>
    </message>
    <message>
        <source>Prints with: {file} ({origin})</source>
        <translation>打印字体：{file}（{origin}）</translation>
    </message>
    <message>
        <source>chosen here</source>
        <translation>在此选择</translation>
    </message>
    <message>
        <source>Windows font</source>
        <translation>Windows 系统字体</translation>
    </message>
    <message>
        <source>system font</source>
        <translation>系统字体</translation>
    </message>
    <message>
        <source>shipped with Yishi</source>
        <translation>议事自带</translation>
    </message>
    <message>
        <source>FangSong</source>
        <translation>仿宋</translation>
    </message>
    <message>
        <source>XiaoBiaoSong or SimSun</source>
        <translation>小标宋或宋体</translation>
    </message>
    <message>
        <source>SimHei</source>
        <translation>黑体</translation>
    </message>
    <message>
        <source>KaiTi</source>
        <translation>楷体</translation>
    </message>
    <message>
        <source>AR PL UKai (a Kai face shipped with Yishi)</source>
        <translation>文鼎 PL 中楷（议事自带的楷体）</translation>
    </message>
    <message>
        <source>AR PL UMing (a Song face shipped with Yishi)</source>
        <translation>文鼎 PL 明体（议事自带的宋体）</translation>
    </message>
    <message>
        <source>Fallback: no {style} font was found on this PC, so this prints in {font}. Install {style} or choose a font file.</source>
        <translation>替代字体：本机未找到{style}字体，现用{font}打印。请安装{style}字体或选择字体文件。</translation>
    </message>
    <message>
        <source>Choose a TrueType font</source>
        <translation>选择 TrueType 字体</translation>
    </message>
    <message>
        <source>TrueType fonts (*.ttf *.ttc);;All files (*)</source>
        <translation>TrueType 字体 (*.ttf *.ttc);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Unsaved input</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>Discard what you have filled in?</source>
        <translation>放弃已填写的内容吗？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>JoinCityDialog</name>
    <message>
        <source>Join a city office</source>
        <translation>登记到市政协</translation>
    </message>
    <message>
        <source>The city CPPCC office gives you its enrolment file on a USB stick and reads the passphrase out by phone. Afterwards this district forwards everything it holds, its rooms&apos; records too, to the city in its bundles.</source>
        <translation>市政协用 U 盘送来登记文件，并通过电话告知登记口令。登记后，本区在数据包中把所存的全部记录（包括各议事室的记录）转报市政协。</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>e.g. 4821-0937-5512-0066-7310-2295</source>
        <translation>例如：4821-0937-5512-0066-7310-2295</translation>
    </message>
    <message>
        <source>Enrolment file:</source>
        <translation>登记文件：</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>登记口令：</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Opening the enrolment file…</source>
        <translation>正在打开登记文件…</translation>
    </message>
    <message>
        <source>Joined %1. Read this fingerprint out to the city office by phone and check that it matches the one its enrolment dialog showed:

City: %2</source>
        <translation>已登记到%1。请通过电话向市政协念出以下指纹，核对是否与其登记窗口显示的一致：

市政协：%2</translation>
    </message>
</context>
<context>
    <name>KeyProblemBanner</name>
    <message>
        <source>The sync keys of this computer are damaged: bundles cannot be exported or imported. Everything else works as usual.</source>
        <translation>本机的同步密钥有问题：暂时不能导出或导入数据包。其他工作照常进行。</translation>
    </message>
    <message>
        <source>Open Sync</source>
        <translation>打开同步页</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>暂不提示</translation>
    </message>
    <message>
        <source>Hide this notice until Yishi starts again</source>
        <translation>议事下次启动之前不再显示此提示</translation>
    </message>
</context>
<context>
    <name>KindDialog</name>
    <message>
        <source>Counts as an inspection</source>
        <translation>计为视察</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Counts in duty scoring as</source>
        <translation>履职评价中计为</translation>
    </message>
</context>
<context>
    <name>KindsTab</name>
    <message>
        <source>The district keeps this list and sends it to every room with its bundles. A kind some activity uses cannot be removed; it can be renamed.</source>
        <translation>此列表由区政协维护，随数据包下发到各议事室。已有活动使用的类型不能删除，但可以改名。</translation>
    </message>
    <message>
        <source>Activity kinds are set by the district CPPCC office and arrive with its bundles; they cannot be changed here.</source>
        <translation>活动类型由区政协统一设定，随数据包下发，此处不能修改。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Counts as an inspection</source>
        <translation>计为视察</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动数</translation>
    </message>
    <message>
        <source>Duty scoring</source>
        <translation>履职评价</translation>
    </message>
    <message>
        <source>New kind…</source>
        <translation>新增类型…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>改名…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Only a kind no activity uses can be removed</source>
        <translation>只能删除没有活动使用的类型</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>New activity kind</source>
        <translation>新增活动类型</translation>
    </message>
    <message>
        <source>Rename activity kind</source>
        <translation>活动类型改名</translation>
    </message>
    <message>
        <source>Remove activity kind</source>
        <translation>删除活动类型</translation>
    </message>
    <message>
        <source>Remove the activity kind “%1”? The rooms get the change with the next bundle.</source>
        <translation>删除活动类型“%1”吗？各议事室会在下一个数据包中收到这一变更。</translation>
    </message>
</context>
<context>
    <name>LanguageChooser</name>
    <message>
        <source>Takes effect the next time Yishi starts.</source>
        <translation>下次启动议事时生效。</translation>
    </message>
</context>
<context>
    <name>LocalMemberDialog</name>
    <message>
        <source>Add a member of this room</source>
        <translation>添加本室委员</translation>
    </message>
    <message>
        <source>Until the district&apos;s roster arrives, members added here can claim topics and sign in at meetings. When the roster comes, each is matched with it: the same name and phone are merged, nothing recorded is lost.</source>
        <translation>区政协名册下发之前，在此添加的委员可以认领议题、参加活动签到。名册下发后逐一核对：姓名和电话相同的自动合并，已有记录不会丢失。</translation>
    </message>
    <message>
        <source>Optional; helps match the roster</source>
        <translation>选填；便于与名册核对</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>界别</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Yishi is locked</source>
        <translation>议事已锁定</translation>
    </message>
    <message>
        <source>Enter the app lock password to go on.</source>
        <translation>请输入应用锁密码以继续使用。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Wrong password. Try again.</source>
        <translation>密码不正确，请重试。</translation>
    </message>
    <message>
        <source>Wrong password. Try again in %1 seconds.</source>
        <translation>密码不正确，请 %1 秒后重试。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open the data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Yishi — not set up</source>
        <translation>议事 — 尚未设置</translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation>尚未设置</translation>
    </message>
    <message>
        <source>Yishi — %1</source>
        <translation>议事 — %1</translation>
    </message>
    <message>
        <source>Data kept on this computer</source>
        <translation>数据保存在本机</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>A city office has no pages of records to open, so there is no search: its figures are on Statistics.</source>
        <translation>市政协没有可打开记录的页面，因此不提供搜索；各项数字请看“统计”页。</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>Every room by township: enrolled or not, its last bundle, the days it has been silent; enrol, re-enrol and retire rooms.</source>
        <translation>按镇（街道）列出每个议事室：是否登记、最近的数据包、已有多少天没有消息；在这里登记、重新登记和停用议事室。</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>成果督办</translation>
    </message>
    <message>
        <source>Every room&apos;s outcomes, overdue first and by responsible unit: record supervision and print a unit&apos;s supervision sheet.</source>
        <translation>各议事室的协商成果，逾期优先、按承办单位归集：记录督办，打印承办单位督办单。</translation>
    </message>
    <message>
        <source>Duty scores</source>
        <translation>履职评价</translation>
    </message>
    <message>
        <source>Members&apos; duty performance (履职评价) by year: scores ranked with the breakdown by kind of act, the rules of each year, acts the district records, Excel export and each member&apos;s duty file.</source>
        <translation>委员年度履职评价：按得分排名并分项列出，各年度评价办法，区政协记录的履职，导出Excel，打印每位委员的履职档案。</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Opinions</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>Opinion slips collected by grid workers; slips about a common problem are merged into one topic.</source>
        <translation>网格员采集的社情民意采集表；反映同一问题的多张采集表可合并为一个议题。</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Topics from the party and government, residents, members and the grids, followed from collection, announcement and claiming to feedback.</source>
        <translation>党政点题、群众出题、委员荐题、网格征题四种来源的议题，从征集、公告、认领直到反馈的全过程。</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>议事活动</translation>
    </message>
    <message>
        <source>Consultation meetings: agenda, sign-in sheet, speeches, consensus and minutes, ready to print.</source>
        <translation>协商议事活动的议程、签到表、发言、协商共识和会议记录，可直接打印。</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>成果落实</translation>
    </message>
    <message>
        <source>Outcomes followed until they are carried out: responsible unit, deadline, progress, feedback to residents and escalation.</source>
        <translation>跟踪协商成果直至落实：责任单位、办理时限、办理进展、向群众反馈以及转报提案或社情民意信息。</translation>
    </message>
    <message>
        <source>Activities and cases</source>
        <translation>活动与案件</translation>
    </message>
    <message>
        <source>The room&apos;s other uses — reading sessions, reception days, visits, inspections, supervision — and mediation and petition cases.</source>
        <translation>一室多用的其他履职活动（读书活动、委员接待、走访联谊、视察调研、民主监督）以及调解、信访案件。</translation>
    </message>
    <message>
        <source>Members and people</source>
        <translation>委员与人员</translation>
    </message>
    <message>
        <source>The roster of CPPCC members with their areas and teams, and the residents, cadres and department representatives who take part.</source>
        <translation>政协委员名册及其联系片区和履职团队，以及参加议事的群众代表、村（社区）干部和职能部门代表。</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Exchange records between the rooms and the district office on a USB stick, signed and encrypted.</source>
        <translation>通过U盘在议事室与区政协之间交换数据，数据包经过签名和加密。</translation>
    </message>
    <message>
        <source>Enrol the district offices, import the bundles they forward on a USB stick and answer each with its acknowledgement.</source>
        <translation>登记各区政协，从 U 盘导入各区转报的数据包，并向各区回复收件确认。</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Yearly figures by township and room — meetings held, attendances, topics and outcomes — and members&apos; duty scores.</source>
        <translation>按镇（街道）和议事室汇总的年度数据（召开次数、参加人次、议题和成果），以及委员履职积分。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>This installation&apos;s details, scoring rules, activity kinds and backups of the database.</source>
        <translation>本机安装信息、履职积分规则、活动类别和数据库备份。</translation>
    </message>
    <message>
        <source>Yishi</source>
        <translation>议事</translation>
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <source>Meeting</source>
        <translation>议事活动</translation>
    </message>
    <message>
        <source>Change final minutes…</source>
        <translation>修改已定稿记录…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>议程</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Speeches and consensus</source>
        <translation>发言与共识</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>成果</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Delete meeting…</source>
        <translation>删除活动…</translation>
    </message>
    <message>
        <source>A meeting not held goes to the recycle bin; it can be restored from there</source>
        <translation>未召开的活动移入回收站，可从回收站恢复</translation>
    </message>
    <message>
        <source>Print minutes…</source>
        <translation>打印记录…</translation>
    </message>
    <message>
        <source>Meeting record</source>
        <translation>会议记录</translation>
    </message>
    <message>
        <source>Formal summary</source>
        <translation>纪要</translation>
    </message>
    <message>
        <source>Outcome feedback notice</source>
        <translation>成果反馈公示</translation>
    </message>
    <message>
        <source>Print sign-in sheet…</source>
        <translation>打印签到表…</translation>
    </message>
    <message>
        <source>The meeting has not been held yet: nothing to print but the sign-in sheet</source>
        <translation>本次活动尚未召开：只能打印签到表</translation>
    </message>
    <message>
        <source>The meeting was cancelled: it has no minutes</source>
        <translation>本次活动已取消：没有会议记录</translation>
    </message>
    <message>
        <source>Untitled meeting</source>
        <translation>未命名活动</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>Type the meeting&apos;s details first</source>
        <translation>请先填写活动的基本信息</translation>
    </message>
    <message>
        <source>Read only: the room keeps these minutes.</source>
        <translation>只读：此记录由议事室填写。</translation>
    </message>
    <message>
        <source>Changes are recorded as amendments: %1</source>
        <translation>修改将记为修订，理由：%1</translation>
    </message>
    <message>
        <source>The minutes are final.</source>
        <translation>记录已定稿。</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Change final minutes</source>
        <translation>修改已定稿记录</translation>
    </message>
    <message>
        <source>The minutes are final. Why do they need to change?</source>
        <translation>记录已定稿。请填写修改理由：</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>正在编辑…</translation>
    </message>
    <message>
        <source>Edited the details or the consensus</source>
        <translation>修改基本信息或协商共识</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
    <message>
        <source>Waiting for the import to finish, then saving automatically…</source>
        <translation>正在等待导入完成，完成后自动保存……</translation>
    </message>
    <message>
        <source>Still cannot save: the database has been busy for a long time. What you typed is still here; press Ctrl+S to try again, or wait for the import to finish.</source>
        <translation>仍无法保存：数据库长时间忙碌。您输入的内容仍保留在这里；请按 Ctrl+S 重试，或等待导入完成。</translation>
    </message>
    <message>
        <source>Mark as held</source>
        <translation>标记为已召开</translation>
    </message>
    <message>
        <source>Mark the meeting “%1” as held? Its topics become discussed.</source>
        <translation>将活动“%1”标记为已召开？议程中的议题将成为已协商。</translation>
    </message>
    <message>
        <source>Cancel meeting</source>
        <translation>取消活动</translation>
    </message>
    <message>
        <source>Cancel the meeting “%1”?</source>
        <translation>取消活动“%1”？</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Why does “%1” go back to planned?</source>
        <translation>活动“%1”退回计划状态的原因：</translation>
    </message>
    <message>
        <source>Delete meeting</source>
        <translation>删除活动</translation>
    </message>
    <message>
        <source>Delete the meeting “%1”? It goes to the recycle bin and can be restored there.</source>
        <translation>删除活动“%1”？删除后移入回收站，可从回收站恢复。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Finalise minutes</source>
        <translation>记录定稿</translation>
    </message>
    <message>
        <source>After finalising, every change needs a reason and is recorded. Finalise?</source>
        <translation>定稿后，每次修改都须填写理由并记为修订。确定定稿吗？</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议记录</translation>
    </message>
    <message>
        <source>Sign-in sheet</source>
        <translation>签到表</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未能保存</translation>
    </message>
    <message>
        <source>What you typed could not be saved. Close anyway and discard it?</source>
        <translation>输入的内容未能保存。仍要关闭并放弃这些内容吗？</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Meetings</source>
        <translation>议事活动</translation>
    </message>
    <message>
        <source>Search title, place, host or topic (Ctrl+L)</source>
        <translation>搜索名称、地点、主持人或议题（Ctrl+L）</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>New meeting (Ctrl+N)</source>
        <translation>新建活动（Ctrl+N）</translation>
    </message>
    <message>
        <source>Print yearly ledger…</source>
        <translation>打印年度台账…</translation>
    </message>
    <message>
        <source>Every meeting of the chosen year with its topics and outcomes</source>
        <translation>所选年度的全部议事活动及其议题和成果</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Yearly ledger %1</source>
        <translation>年度台账 %1</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>%1 meetings</source>
        <translation>共 %1 场活动</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>New member</source>
        <translation>新增委员</translation>
    </message>
    <message>
        <source>Edit member</source>
        <translation>编辑委员</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>e.g. 17th</source>
        <translation>如：第十七届</translation>
    </message>
    <message>
        <source>(choose a sector)</source>
        <translation>（请选择界别）</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>界别</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>党派</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Expertise</source>
        <translation>专业组</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>届别</translation>
    </message>
    <message>
        <source>Term years</source>
        <translation>任期</translation>
    </message>
</context>
<context>
    <name>MemberMatchDialog</name>
    <message>
        <source>Match local members with the roster</source>
        <translation>本室委员与名册核对</translation>
    </message>
    <message>
        <source>These members were added in this room before the district&apos;s roster arrived. The roster has a member of the same name whose phone does not match. Merge: the same person, their attendance and claims move to the roster&apos;s member. Keep: different people.</source>
        <translation>以下委员是区政协名册下发前在本室添加的；名册中有同名委员，但电话不一致。合并：是同一人，其出席和认领记录归入名册中的委员。保留：不是同一人。</translation>
    </message>
    <message>
        <source>no phone</source>
        <translation>无电话</translation>
    </message>
    <message>
        <source>Local: %1 (%2)  ·  Roster: %3 (%4) %5</source>
        <translation>本室：%1（%2） · 名册：%3（%4）%5</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
</context>
<context>
    <name>MemberPicker</name>
    <message>
        <source>Find a member by name or sector</source>
        <translation>按姓名或界别查找委员，回车勾选</translation>
    </message>
    <message>
        <source>· this room</source>
        <translation>· 本议事室</translation>
    </message>
    <message>
        <source>%1 members chosen</source>
        <translation>已选 %1 位委员</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
    <message>
        <source>Search name, pinyin initials, sector or workplace (Ctrl+L)</source>
        <translation>搜索姓名、拼音首字母、界别或工作单位（Ctrl+L）</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>新增委员</translation>
    </message>
    <message>
        <source>Add a member to the roster (Ctrl+N)</source>
        <translation>在名册中新增委员（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit the chosen member (Enter or double-click)</source>
        <translation>编辑所选委员（回车或双击）</translation>
    </message>
    <message>
        <source>Retire from roster…</source>
        <translation>退出名册…</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Add a member of this room…</source>
        <translation>添加本室委员…</translation>
    </message>
    <message>
        <source>Before the district&apos;s roster arrives: a member who can claim topics and sign in; matched with the roster when it comes</source>
        <translation>区政协名册下发之前添加的委员，可以认领议题、签到；名册下发后与名册核对</translation>
    </message>
    <message>
        <source>On the roster</source>
        <translation>名册状态</translation>
    </message>
    <message>
        <source>Area now</source>
        <translation>现派驻</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>党派</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>届别</translation>
    </message>
    <message>
        <source>Workplace and post</source>
        <translation>工作单位及职务</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>Retire from roster</source>
        <translation>退出名册</translation>
    </message>
    <message>
        <source>Retire %1 from the roster? Past attendance, claims and duty records stay; ongoing assignments end on that day.</source>
        <translation>将 %1 退出名册吗？以往的签到、认领和履职记录都会保留；正在进行的派驻于当日结束。</translation>
    </message>
    <message>
        <source>Leaves on</source>
        <translation>退出日期</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>退出名册</translation>
    </message>
</context>
<context>
    <name>MergeSlipsDialog</name>
    <message>
        <source>Merge into a new topic</source>
        <translation>合并为新议题</translation>
    </message>
    <message>
        <source>%1 slips become one topic raised by the grids:</source>
        <translation>以下 %1 张采集表将合并为一个网格征题：</translation>
    </message>
    <message>
        <source>The common problem, in one line</source>
        <translation>用一句话概括共同反映的问题</translation>
    </message>
    <message>
        <source>Topic title:</source>
        <translation>议题标题：</translation>
    </message>
</context>
<context>
    <name>MinutesTab</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>发言人</translation>
    </message>
    <message>
        <source>Main points</source>
        <translation>发言要点</translation>
    </message>
    <message>
        <source>Main points of the speech — Enter adds it</source>
        <translation>发言要点，按回车添加</translation>
    </message>
    <message>
        <source>Add speech</source>
        <translation>添加发言</translation>
    </message>
    <message>
        <source>Remove speech</source>
        <translation>删除发言</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未形成</translation>
    </message>
    <message>
        <source>What was agreed</source>
        <translation>协商共识内容</translation>
    </message>
    <message>
        <source>For</source>
        <translation>赞成</translation>
    </message>
    <message>
        <source>Against</source>
        <translation>反对</translation>
    </message>
    <message>
        <source>Abstain</source>
        <translation>弃权</translation>
    </message>
    <message>
        <source>—</source>
        <translation>未表决</translation>
    </message>
    <message>
        <source>Agenda item:</source>
        <translation>议程：</translation>
    </message>
    <message>
        <source>Consensus</source>
        <translation>协商结论</translation>
    </message>
    <message>
        <source>Consensus text</source>
        <translation>共识内容</translation>
    </message>
    <message>
        <source>Show of hands</source>
        <translation>举手表决</translation>
    </message>
    <message>
        <source>Add topics to the agenda first.</source>
        <translation>请先在“议程”中列入议题。</translation>
    </message>
    <message>
        <source>Added a speech</source>
        <translation>增加发言</translation>
    </message>
    <message>
        <source>Removed a speech</source>
        <translation>删除发言</translation>
    </message>
</context>
<context>
    <name>MoveToServerDialog</name>
    <message>
        <source>Move to a database server</source>
        <translation>迁移到数据库服务器</translation>
    </message>
    <message>
        <source>Yishi copies every record from the database file on this computer into a database on a PostgreSQL server, checks each table on both sides, and from its next start uses the server.

The server&apos;s database must exist and be empty: its administrator makes it. The file on this computer is left as it is. Yishi must be restarted after the move to use the server.</source>
        <translation>议事把本机数据库文件中的全部数据复制到 PostgreSQL 服务器上的数据库，逐表核对两边的数据，下次启动起使用服务器。

服务器上的数据库必须已经建立并且是空的，由服务器管理员建立。本机的数据库文件保持不变。迁移后须重新启动议事才会使用服务器。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>迁移</translation>
    </message>
    <message>
        <source>Copying the records to %1 and checking them…</source>
        <translation>正在把数据复制到 %1 并核对…</translation>
    </message>
    <message>
        <source>The move was cancelled: Yishi still uses the file on this computer.</source>
        <translation>迁移已取消：议事仍使用本机的数据库文件。</translation>
    </message>
    <message>
        <source>The move failed: %1. Yishi still uses the file on this computer.</source>
        <translation>迁移失败：%1。议事仍使用本机的数据库文件。</translation>
    </message>
    <message>
        <source>Moved to the PostgreSQL server %1: %2 records in %3 tables, each table checked on both sides (row count and checksum).</source>
        <translation>已迁移到 PostgreSQL 服务器 %1：%2 条记录、%3 张表，逐表核对行数与校验和一致。</translation>
    </message>
    <message>
        <source>The search index could not be built on the server: run “yishi check --repair-search”.</source>
        <translation>服务器上的搜索索引未能建立，请运行“yishi check --repair-search”。</translation>
    </message>
    <message>
        <source>The database file on this computer is left as it was: %1</source>
        <translation>本机的数据库文件未改动，仍在：%1</translation>
    </message>
</context>
<context>
    <name>NewTopicDialog</name>
    <message>
        <source>New topic</source>
        <translation>新建议题</translation>
    </message>
    <message>
        <source>What is to be consulted on, in one line</source>
        <translation>用一句话说明协商什么</translation>
    </message>
    <message>
        <source>(choose a member)</source>
        <translation>（请选择委员）</translation>
    </message>
    <message>
        <source>Immediate consultation (no announcement or claiming)</source>
        <translation>即时性协商（不经公告和认领）</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Proposed by:</source>
        <translation>推荐委员：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Raised on:</source>
        <translation>提出日期：</translation>
    </message>
</context>
<context>
    <name>NotPossibleDialog</name>
    <message>
        <source>Cannot be carried out</source>
        <translation>未能办理</translation>
    </message>
    <message>
        <source>Why the unit cannot carry it out</source>
        <translation>责任单位无法办理的原因</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>OfficeDialog</name>
    <message>
        <source>Recorded by</source>
        <translation>记录单位</translation>
    </message>
    <message>
        <source>Whose own work is this record: the district office or a township?</source>
        <translation>这是谁自己的工作：区政协本级，还是某个镇（街道）？</translation>
    </message>
</context>
<context>
    <name>OpinionsPage</name>
    <message>
        <source>Opinions</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>Slips read-only: they are entered in the rooms.</source>
        <translation>采集表只读：由各议事室录入。</translation>
    </message>
    <message>
        <source>Type each paper slip and press Enter in the last field; the date, grid and collector stay for the next one.</source>
        <translation>逐张录入纸质采集表，在最后一栏按回车保存；采集日期、网格和网格员保留给下一张。</translation>
    </message>
    <message>
        <source>Not handled</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>In a topic</source>
        <translation>已归入议题</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Search content, grid, reporter… (Ctrl+L)</source>
        <translation>搜索内容、网格、反映人…（Ctrl+L）</translation>
    </message>
    <message>
        <source>Merge into new topic…</source>
        <translation>合并为新议题…</translation>
    </message>
    <message>
        <source>Attach to topic…</source>
        <translation>归入已有议题…</translation>
    </message>
    <message>
        <source>Separate from topic</source>
        <translation>取消合并</translation>
    </message>
    <message>
        <source>The chosen slips leave their topic and are open again; the topic stays</source>
        <translation>所选意见单移出议题，重新成为待处理；议题保留</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Correct the chosen slip</source>
        <translation>修改所选意见单</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Recycle bin…</source>
        <translation>回收站…</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Enter a slip</source>
        <translation>录入采集表</translation>
    </message>
    <message>
        <source>What the resident reports, as on the slip</source>
        <translation>按采集表填写居民反映的内容</translation>
    </message>
    <message>
        <source>Name of the resident</source>
        <translation>反映人姓名</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Save slip</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Enter in the category field, or Ctrl+S</source>
        <translation>在“类别”栏按回车，或按 Ctrl+S</translation>
    </message>
    <message>
        <source>Collected on</source>
        <translation>采集日期</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>反映内容</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>反映人</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>所属议题</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（未注明）</translation>
    </message>
    <message>
        <source>%1 slips</source>
        <translation>共 %1 张</translation>
    </message>
    <message>
        <source>To merge slips about the same problem into one topic, select several with Ctrl+click or Shift+click (or Shift+arrow keys), then press &quot;Merge into new topic&quot;.</source>
        <translation>要把反映同一问题的意见单合并为一个议题：按住 Ctrl 或 Shift 单击（或 Shift+方向键）选择多条，再点“合并为新议题”。</translation>
    </message>
    <message>
        <source>%1 slips selected.</source>
        <translation>已选择 %1 条意见单。</translation>
    </message>
    <message>
        <source>Delete slips</source>
        <translation>删除意见单</translation>
    </message>
    <message>
        <source>Of the chosen slips, some are merged into the topic %1. Deleted, they leave the topic; restored from the recycle bin, they go back into it. Delete?</source>
        <translation>所选意见单中有的已合并到议题 %1。删除后将移出该议题；从回收站恢复后会回到该议题。确定删除？</translation>
    </message>
    <message>
        <source>%1 slips separated; the topic %2 is kept as it was (delete it from the topics page if it is no longer wanted).</source>
        <translation>已取消合并 %1 条意见单；议题 %2 保持不变（如不再需要，可在议题页删除）。</translation>
    </message>
</context>
<context>
    <name>OutcomeActionDialog</name>
    <message>
        <source>This outcome belongs to a consultation room; it can only change there.</source>
        <translation>此成果属于协商议事室，只能在议事室修改。</translation>
    </message>
</context>
<context>
    <name>OutcomeDetailPanel</name>
    <message>
        <source>Choose an outcome in the list to follow it up.</source>
        <translation>在左侧列表中选择一条成果，跟踪其办理情况。</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>Agreed on</source>
        <translation>协商日期</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办结情况</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>转报</translation>
    </message>
    <message>
        <source>Add progress</source>
        <translation>添加进展</translation>
    </message>
    <message>
        <source>Add a dated progress note (Ctrl+N)</source>
        <translation>添加一条注明日期的办理进展（Ctrl+N）</translation>
    </message>
    <message>
        <source>Completed…</source>
        <translation>办结…</translation>
    </message>
    <message>
        <source>Cannot be done…</source>
        <translation>未能办理…</translation>
    </message>
    <message>
        <source>Feedback…</source>
        <translation>反馈群众…</translation>
    </message>
    <message>
        <source>Escalate…</source>
        <translation>转报…</translation>
    </message>
    <message>
        <source>Print feedback notice…</source>
        <translation>打印成果反馈公示…</translation>
    </message>
    <message>
        <source>Print the outcome feedback notice of the meeting that agreed this outcome</source>
        <translation>打印形成此成果的协商活动的成果反馈公示</translation>
    </message>
    <message>
        <source>This outcome belongs to its consultation room: the district office can add progress notes; the room records completion, feedback and escalation.</source>
        <translation>此成果属于所在协商议事室：区政协可以追加办理进展；办结、反馈和转报由议事室记录。</translation>
    </message>
    <message>
        <source>Progress (newest first)</source>
        <translation>办理进展（最新在前）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进展</translation>
    </message>
    <message>
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Supervision by the district (newest first)</source>
        <translation>区政协督办记录（最新在前）</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>none</source>
        <translation>未定</translation>
    </message>
    <message>
        <source>(overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <source>satisfaction not yet known</source>
        <translation>满意度待回访</translation>
    </message>
</context>
<context>
    <name>OutcomesPage</name>
    <message>
        <source>Outcomes</source>
        <translation>成果落实</translation>
    </message>
    <message>
        <source>Search content, topic or unit (Ctrl+L)</source>
        <translation>搜索成果内容、议题或责任单位（Ctrl+L）</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>成果内容</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Agreed on</source>
        <translation>协商日期</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <source>Year %1</source>
        <translation>%1年</translation>
    </message>
    <message>
        <source>%1 outcomes</source>
        <translation>共 %1 条成果</translation>
    </message>
</context>
<context>
    <name>OutcomesTab</name>
    <message>
        <source>Outcome</source>
        <translation>成果内容</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The recommendation agreed on</source>
        <translation>协商形成的意见建议</translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>Add outcome</source>
        <translation>添加成果</translation>
    </message>
    <message>
        <source>Remove outcome</source>
        <translation>删除成果</translation>
    </message>
    <message>
        <source>Agenda item:</source>
        <translation>议程：</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Add topics to the agenda first.</source>
        <translation>请先在“议程”中列入议题。</translation>
    </message>
    <message>
        <source>Added an outcome</source>
        <translation>增加成果</translation>
    </message>
    <message>
        <source>Removed an outcome</source>
        <translation>删除成果</translation>
    </message>
</context>
<context>
    <name>ParticipantDialog</name>
    <message>
        <source>New participant</source>
        <translation>新增参加人员</translation>
    </message>
    <message>
        <source>Edit participant</source>
        <translation>编辑参加人员</translation>
    </message>
    <message>
        <source>Required for department representatives</source>
        <translation>职能部门代表必填</translation>
    </message>
    <message>
        <source>Still takes part</source>
        <translation>仍参加议事</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>ParticipantMergeDialog</name>
    <message>
        <source>Merge two records of one person</source>
        <translation>合并同一人的两条记录</translation>
    </message>
    <message>
        <source>Keep %1 and remove the record chosen below. Its attendances, speeches and collected slips move to the kept record.</source>
        <translation>保留%1，删除下面选择的记录；其签到、发言和采集的社情民意表都并入保留的记录。</translation>
    </message>
    <message>
        <source>Duplicate to remove</source>
        <translation>要删除的重复记录</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>Members and people</source>
        <translation>委员与人员</translation>
    </message>
    <message>
        <source>CPPCC members</source>
        <translation>政协委员</translation>
    </message>
    <message>
        <source>Other participants</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <source>The district CPPCC office keeps the roster and sends it with each sync; it cannot be changed here.</source>
        <translation>委员名册由区政协维护，随同步包下发，本机不能修改。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>This room</source>
        <translation>联系本室</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>本室委员</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Search name, sector, expertise or workplace (Ctrl+L)</source>
        <translation>搜索姓名、界别、专业或工作单位（Ctrl+L）</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>界别</translation>
    </message>
    <message>
        <source>Expertise</source>
        <translation>专业</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation>共 %1 名委员</translation>
    </message>
    <message>
        <source>%1 people</source>
        <translation>共 %1 人</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Search name, unit, position or phone (Ctrl+L)</source>
        <translation>搜索姓名、单位、职务或电话（Ctrl+L）</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <source>Add a participant (Ctrl+N)</source>
        <translation>新增参加人员（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Merge duplicates…</source>
        <translation>合并重复…</translation>
    </message>
    <message>
        <source>Two records of the same person: keep one and move everything to it</source>
        <translation>同一人的两条记录：保留一条，把另一条的签到、发言等并入</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Takes part</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No longer</source>
        <translation>已不参加</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>Participants are recorded by each consultation room; the district office sees them as they arrive with the rooms&apos; bundles.</source>
        <translation>参加人员由各协商议事室登记；区政协看到的是各室同步包中的记录。</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Add progress</source>
        <translation>添加办理进展</translation>
    </message>
    <message>
        <source>What the responsible unit has done</source>
        <translation>责任单位做了什么</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进展内容</translation>
    </message>
</context>
<context>
    <name>QuarantineView</name>
    <message>
        <source>No records to check: every imported record either matched this computer&apos;s or replaced an older version.</source>
        <translation>没有待核对的记录：导入的每条记录都与本机一致，或替换了较旧的版本。</translation>
    </message>
    <message>
        <source>These records came in with the same version as this computer&apos;s but with other content, so the import set them aside and changed nothing. Compare them and choose which one to keep.</source>
        <translation>以下记录与本机的版本号相同、内容却不同，导入时已暂存，未改动本机数据。请逐条核对，选择保留哪一方。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Differing fields</source>
        <translation>不同的字段</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>Keep this computer&apos;s</source>
        <translation>保留本机</translation>
    </message>
    <message>
        <source>Mark it checked; this computer&apos;s record stays as it is</source>
        <translation>标记为已核对，本机的记录保持不变</translation>
    </message>
    <message>
        <source>Take the sender&apos;s</source>
        <translation>采用对方</translation>
    </message>
    <message>
        <source>Replace this computer&apos;s copy with the sender&apos;s; only for the sender&apos;s records</source>
        <translation>用对方的内容替换本机的这条记录；仅限属于对方的记录</translation>
    </message>
    <message>
        <source>Keep this computer&apos;s %1 and set the sender&apos;s version aside for good?</source>
        <translation>保留本机的%1，舍弃对方的版本？</translation>
    </message>
    <message>
        <source>Replace this computer&apos;s %1 with the sender&apos;s version? This cannot be undone.</source>
        <translation>用对方的版本替换本机的%1？此操作不能撤销。</translation>
    </message>
    <message>
        <source>Records to check</source>
        <translation>待核对的记录</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Please give a reason.</source>
        <translation>请填写理由。</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>This installation has no room.</source>
        <translation>本机没有关联议事室。</translation>
    </message>
</context>
<context>
    <name>RecycleBin</name>
    <message>
        <source>Topic</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Opinion slip</source>
        <translation>意见征集单</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>活动</translation>
    </message>
</context>
<context>
    <name>RecycleBinDialog</name>
    <message>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Deleted topics, opinion slips and meetings stay here. Choose one and press Enter or Restore to put it back in its list.</source>
        <translation>已删除的议题、意见征集单和活动保存在这里。选中一条，按回车或“恢复”即可放回原来的列表。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Deleted at</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <source>The recycle bin is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source> (with %1 opinion slips)</source>
        <translation>（含 %1 条意见单）</translation>
    </message>
</context>
<context>
    <name>RoomsPage</name>
    <message>
        <source>Search room, village, township or code</source>
        <translation>搜索议事室、村（社区）、镇（街道）或代码</translation>
    </message>
    <message>
        <source>Enrol…</source>
        <translation>登记…</translation>
    </message>
    <message>
        <source>Re-enrol…</source>
        <translation>重新登记…</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Last bundle</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <source>Days silent</source>
        <translation>未联系天数</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Overdue outcomes</source>
        <translation>逾期成果</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>%1 (silent)</source>
        <translation>%1（久未联系）</translation>
    </message>
    <message>
        <source>%1 rooms</source>
        <translation>共 %1 个议事室</translation>
    </message>
    <message>
        <source>; %1 sent no bundle for %2 days or more (highlighted)</source>
        <translation>；其中 %1 个已 %2 天以上未发来数据包（突出显示）</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Reinstate %1? It will be expected to send bundles again and may be enrolled.</source>
        <translation>恢复“%1”？恢复后它应再发送数据包，也可以登记。</translation>
    </message>
    <message>
        <source>Retire %1? Its records are kept; it is no longer expected to send bundles and cannot be enrolled again until reinstated.</source>
        <translation>停用“%1”？其记录全部保留；停用后不再要求它发送数据包，恢复之前不能再登记。</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>议事室</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Duty scoring rules</source>
        <translation>委员履职评价办法</translation>
    </message>
    <message>
        <source>Copy to a new year…</source>
        <translation>复制到新年度…</translation>
    </message>
    <message>
        <source>Default rules for a year…</source>
        <translation>某年度使用默认办法…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Rules of the year</source>
        <translation>年度评价办法</translation>
    </message>
    <message>
        <source>A year is scored by its own rules, or by the latest earlier year&apos;s when it has none. A cap bounds what one member gets from a kind in a year (for a deduction, how much it can take off); leave it empty for no cap.</source>
        <translation>每年按本年度办法评分；本年度没有时，沿用此前最近一年的办法。上限指一名委员一年内从该类别最多获得的分数（扣分类为最多扣除的分数）；留空表示不设上限。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Base score</source>
        <translation>基础分</translation>
    </message>
    <message>
        <source>Excellent from</source>
        <translation>优秀分数线</translation>
    </message>
    <message>
        <source>Competent from</source>
        <translation>称职分数线</translation>
    </message>
    <message>
        <source>Basic from (below: incompetent)</source>
        <translation>基本称职分数线（以下为不称职）</translation>
    </message>
    <message>
        <source>Kind of act</source>
        <translation>履职类别</translation>
    </message>
    <message>
        <source>Points each</source>
        <translation>每次分值</translation>
    </message>
    <message>
        <source>Cap a year</source>
        <translation>年度上限</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>No rules yet: start from the default rules for a year.</source>
        <translation>尚无评价办法：请先为某一年度使用默认办法。</translation>
    </message>
    <message>
        <source>Saved; the year&apos;s scores follow the new rules.</source>
        <translation>已保存；该年度得分按新办法计算。</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Copy the rules to a new year</source>
        <translation>将评价办法复制到新年度</translation>
    </message>
    <message>
        <source>Default rules for a year</source>
        <translation>某年度使用默认办法</translation>
    </message>
    <message>
        <source>Remove rules</source>
        <translation>删除评价办法</translation>
    </message>
    <message>
        <source>Remove “%1”? Its years are then scored by the latest earlier year&apos;s rules.</source>
        <translation>删除“%1”？相应年度将沿用此前最近一年的办法评分。</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Words from any record, or a name in pinyin initials (zs finds 张三)</source>
        <translation>输入任意记录中的文字，或姓名拼音首字母（zs 可找到张三）</translation>
    </message>
    <message>
        <source>Opinion slips</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>议事活动</translation>
    </message>
    <message>
        <source>Speeches</source>
        <translation>发言</translation>
    </message>
    <message>
        <source>Consensus</source>
        <translation>协商共识</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>协商成果</translation>
    </message>
    <message>
        <source>Progress notes</source>
        <translation>办理进展</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>履职活动</translation>
    </message>
    <message>
        <source>Mediation cases</source>
        <translation>调解案例</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Participants and residents</source>
        <translation>参与人员和居民</translation>
    </message>
    <message>
        <source>Nothing found</source>
        <translation>没有找到</translation>
    </message>
    <message>
        <source>Up/Down to choose, Enter to open</source>
        <translation>上下键选择，回车打开</translation>
    </message>
</context>
<context>
    <name>SecondFolderRow</name>
    <message>
        <source>Second backup location</source>
        <translation>第二备份位置</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Not set: backups stay on this computer only</source>
        <translation>未设置：备份只保存在本机</translation>
    </message>
    <message>
        <source>Choose a USB stick or another disk to keep a copy of every backup.</source>
        <translation>选择 U 盘或另一块磁盘，每次备份都在那里另存一份。</translation>
    </message>
    <message>
        <source>Reachable: every new backup is copied here.</source>
        <translation>可以访问：每个新备份都会复制到这里。</translation>
    </message>
    <message>
        <source>Not reachable now (USB stick not plugged in, or read-only): backups stay on this computer until it is back.</source>
        <translation>目前无法访问（U 盘未插入或只读）：在它恢复之前，备份只保存在本机。</translation>
    </message>
    <message>
        <source>Choose the second backup location</source>
        <translation>选择第二备份位置</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Consultation room</source>
        <translation>议事室信息</translation>
    </message>
    <message>
        <source>District CPPCC</source>
        <translation>区政协信息</translation>
    </message>
    <message>
        <source>City CPPCC</source>
        <translation>市政协信息</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the room&apos;s details (Ctrl+S)</source>
        <translation>保存议事室信息（Ctrl+S）</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>议事室名称</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Village / community</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Township / street</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>Data and backups</source>
        <translation>数据与备份</translation>
    </message>
    <message>
        <source>Everything Yishi keeps is in this folder. A backup is also made by itself at the first start of each day and before every import, update and restore.</source>
        <translation>议事的全部数据都在此文件夹中。每天首次启动时，以及每次导入、升级和恢复之前，都会自动备份。</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Open backup folder</source>
        <translation>打开备份文件夹</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Where the records are kept. On a PostgreSQL server, several computers of the office can work on the same records.</source>
        <translation>数据保存的位置。数据库放在 PostgreSQL 服务器上时，本单位的多台电脑可以使用同一份数据。</translation>
    </message>
    <message>
        <source>App lock</source>
        <translation>应用锁</translation>
    </message>
    <message>
        <source>For a computer others use too: Yishi hides everything behind a password at start and after a while without input. This computer only; never synced.</source>
        <translation>适用于多人共用的电脑：启动时以及一段时间无操作后，议事隐藏全部内容并要求输入密码。仅对本机有效，不会同步。</translation>
    </message>
    <message>
        <source>Alerts on the dashboard</source>
        <translation>工作台提醒</translation>
    </message>
    <message>
        <source>The dashboard lists the rooms that sent no bundle for this many days, and the meetings whose minutes are still not final this many days after.</source>
        <translation>工作台列出超过此天数未发来数据包的议事室，以及会后超过此天数纪要仍未定稿的会议。</translation>
    </message>
    <message>
        <source>A room is silent after (days)</source>
        <translation>议事室未联络提醒（天）</translation>
    </message>
    <message>
        <source>Minutes are late after (days)</source>
        <translation>纪要未定稿提醒（天）</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Sign-in sheets, notices and minutes print here unless you choose.</source>
        <translation>签到表、公告和会议记录默认由此打印机打印。</translation>
    </message>
    <message>
        <source>Printed documents embed these fonts, so they look the same on every PC. As GB/T 9704 asks: FangSong for the body, XiaoBiaoSong or SimSun for titles, SimHei for first-level and KaiTi for second-level headings. Choose TrueType fonts (.ttf / .ttc) to use others.</source>
        <translation>打印的文书内嵌以下字体，在任何电脑上效果都一样。按 GB/T 9704 的要求：正文用仿宋，标题用小标宋或宋体，一级标题用黑体，二级标题用楷体。如需其他字体，请选择 TrueType 字体文件（.ttf / .ttc）。</translation>
    </message>
    <message>
        <source>First-level headings</source>
        <translation>一级标题</translation>
    </message>
    <message>
        <source>Second-level headings</source>
        <translation>二级标题</translation>
    </message>
    <message>
        <source>The keys that sign and encrypt sync bundles. Read this installation&apos;s fingerprint out over the phone: each district office joining the city must see the same one.</source>
        <translation>用于签名和加密同步数据包的密钥。请通过电话核对本机指纹：每个登记到本市的区政协看到的必须与此一致。</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>字体大小</translation>
    </message>
    <message>
        <source>Larger text for easier reading; this computer only.</source>
        <translation>字体加大更易阅读；只对本机有效。</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The language of the window; this computer only.</source>
        <translation>窗口显示的语言；只对本机有效。</translation>
    </message>
    <message>
        <source>City mode: the districts and their rooms keep their own details; this computer changes none of their records.</source>
        <translation>市政协模式：各区的信息由各区政协自行维护，本机不修改其中任何记录。</translation>
    </message>
    <message>
        <source>The system&apos;s default printer</source>
        <translation>系统默认打印机</translation>
    </message>
    <message>
        <source>Default printer for Yishi</source>
        <translation>议事默认打印机</translation>
    </message>
    <message>
        <source>Document fonts</source>
        <translation>公文字体</translation>
    </message>
    <message>
        <source>Body text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Titles</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Key fingerprints</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>The keys that sign and encrypt sync bundles. Read the fingerprints out over the phone: the district office and the room must see the same ones.</source>
        <translation>用于签名和加密同步数据包的密钥。请通过电话核对指纹：区政协和议事室看到的必须一致。</translation>
    </message>
    <message>
        <source>This installation</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>District office</source>
        <translation>区政协</translation>
    </message>
    <message>
        <source>Escrow key</source>
        <translation>托管密钥</translation>
    </message>
    <message>
        <source>Enrol with the district&apos;s file…</source>
        <translation>用区政协的登记文件登记…</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>Not made yet</source>
        <translation>尚未生成</translation>
    </message>
    <message>
        <source>Not enrolled yet</source>
        <translation>尚未登记</translation>
    </message>
    <message>
        <source>The escrow key&apos;s private half is still in the data folder (%1). Copy it to offline media, keep it somewhere safe and delete it from this computer.</source>
        <translation>托管密钥的私钥仍在数据目录中（%1）。请抄存到离线介质并妥善保管，然后从本机删除。</translation>
    </message>
    <message>
        <source>The escrow key&apos;s private half was written once, when the keys were made; with it, bundles can still be read if this computer&apos;s keys are lost.</source>
        <translation>托管密钥的私钥只在生成密钥时写出一次；本机密钥丢失时，凭它仍可读取数据包。</translation>
    </message>
    <message>
        <source>Run “yishi setup city” on this computer to make the city&apos;s keys.</source>
        <translation>请在本机运行“yishi setup city”生成市级密钥。</translation>
    </message>
    <message>
        <source>Run “yishi setup district” on this computer to make the district&apos;s keys.</source>
        <translation>请在本机运行“yishi setup district”生成区级密钥。</translation>
    </message>
    <message>
        <source>The keys are made when this room is enrolled with an enrolment file from the district office (USB exchange of records).</source>
        <translation>用区政协发放的登记文件登记本议事室时生成密钥（用 U 盘与区政协交换数据）。</translation>
    </message>
    <message>
        <source>District mode: each room keeps its own details.</source>
        <translation>区政协模式：各议事室的信息由议事室自己维护。</translation>
    </message>
    <message>
        <source>This installation is not set up yet.</source>
        <translation>本机尚未初始化。</translation>
    </message>
    <message>
        <source>%1 backups</source>
        <translation>共 %1 个备份</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1（未找到）</translation>
    </message>
    <message>
        <source>No printer is installed on this computer.</source>
        <translation>本机没有安装打印机。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Yishi backups (*.sqlite)</source>
        <translation>议事备份文件 (*.sqlite)</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Restore the backup of %1?

All changes made after %1 will be undone. The current state is backed up first.</source>
        <translation>要恢复 %1 的备份吗？

%1 之后的全部修改将被撤销。恢复前会先备份当前数据。</translation>
    </message>
    <message>
        <source>Changes undone: %1</source>
        <translation>将撤销的修改：%1 项</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restoring the database…</source>
        <translation>正在恢复数据库…</translation>
    </message>
    <message>
        <source>The restore failed: %1</source>
        <translation>恢复失败：%1</translation>
    </message>
    <message>
        <source>Restored the backup of %1.</source>
        <translation>已恢复 %1 的备份。</translation>
    </message>
</context>
<context>
    <name>SimilarSlipsPanel</name>
    <message>
        <source>Similar slips already received: tick those this slip reports too</source>
        <translation>已收到的相似社情民意：勾选与本条反映同一问题的</translation>
    </message>
    <message>
        <source>(in topic %1)</source>
        <translation>（已在议题“%1”中）</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Range of days</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出PDF…</translation>
    </message>
    <message>
        <source>Draft year report…</source>
        <translation>起草年度总结…</translation>
    </message>
    <message>
        <source>Consultation meetings</source>
        <translation>协商议事会</translation>
    </message>
    <message>
        <source>Member attendances</source>
        <translation>委员参加人次</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Problems solved</source>
        <translation>解决问题</translation>
    </message>
    <message>
        <source>Implementation rate</source>
        <translation>落实率</translation>
    </message>
    <message>
        <source>Proposals and public-opinion information</source>
        <translation>提案和社情民意信息</translation>
    </message>
    <message>
        <source>Other activities</source>
        <translation>其他活动</translation>
    </message>
    <message>
        <source>Mediation and petition cases</source>
        <translation>调解和信访案件</translation>
    </message>
    <message>
        <source>Main figures</source>
        <translation>主要数据</translation>
    </message>
    <message>
        <source>Consultation meetings by month</source>
        <translation>各月协商议事会</translation>
    </message>
    <message>
        <source>Meetings by form</source>
        <translation>按协商形式</translation>
    </message>
    <message>
        <source>Topics by source</source>
        <translation>按议题来源</translation>
    </message>
    <message>
        <source>Outcomes by state</source>
        <translation>成果办理状态</translation>
    </message>
    <message>
        <source>Outcomes by result</source>
        <translation>成果办理结果</translation>
    </message>
    <message>
        <source>Other activities by kind</source>
        <translation>其他活动按类别</translation>
    </message>
    <message>
        <source>By township</source>
        <translation>按镇（街道）</translation>
    </message>
    <message>
        <source>Rooms ranked by meetings, then problems solved</source>
        <translation>议事室排名（按会议数，其次按解决问题数）</translation>
    </message>
    <message>
        <source>By room</source>
        <translation>按议事室</translation>
    </message>
    <message>
        <source>Whole district</source>
        <translation>全区</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>A year earlier</source>
        <translation>上年同期</translation>
    </message>
    <message>
        <source>Year before: %1</source>
        <translation>上年：%1</translation>
    </message>
    <message>
        <source>A year earlier: %1</source>
        <translation>上年同期：%1</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>增减</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Sent (%1)</source>
        <translation>报送（%1）</translation>
    </message>
    <message>
        <source>Adopted (%1)</source>
        <translation>采用（%1）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Held (%1)</source>
        <translation>举办（%1）</translation>
    </message>
    <message>
        <source>Member attendances (%1)</source>
        <translation>委员参加人次（%1）</translation>
    </message>
    <message>
        <source>Activity kind</source>
        <translation>活动类别</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Other attendances</source>
        <translation>其他参加人次</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>成果</translation>
    </message>
    <message>
        <source>Carried out</source>
        <translation>已落实</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>提案</translation>
    </message>
    <message>
        <source>Public-opinion information</source>
        <translation>社情民意信息</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Draft year report</source>
        <translation>起草年度总结</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Export to PDF</source>
        <translation>导出PDF</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Drafts the year&apos;s work summary as an editable Word file</source>
        <translation>将年度工作总结起草为可编辑的 Word 文件</translation>
    </message>
    <message>
        <source>The year report is drafted for a whole year: choose Year</source>
        <translation>年度总结按整年起草：请选择“年度”</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Written to %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>SuggestedGroupsPanel</name>
    <message>
        <source>Slips that seem to report the same problem:</source>
        <translation>以下社情民意似乎反映同一问题：</translation>
    </message>
    <message>
        <source>%1 slips: %2</source>
        <translation>%1 条：%2</translation>
    </message>
    <message>
        <source>Merge into a topic…</source>
        <translation>合并为议题…</translation>
    </message>
</context>
<context>
    <name>SuggestionEditor</name>
    <message>
        <source>Suggestions (followed up on the Outcomes page)</source>
        <translation>意见建议（在“成果落实”中跟踪办理）</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>无期限</translation>
    </message>
    <message>
        <source>no unit</source>
        <translation>未定责任单位</translation>
    </message>
    <message>
        <source>What should be done</source>
        <translation>建议内容</translation>
    </message>
    <message>
        <source>e.g. the township&apos;s culture station</source>
        <translation>如：街道文化站</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Add suggestion</source>
        <translation>添加建议</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source> (new, saved with the record)</source>
        <translation>（新增，随记录保存）</translation>
    </message>
</context>
<context>
    <name>SupervisionDialog</name>
    <message>
        <source>Record supervision</source>
        <translation>记录督办</translation>
    </message>
    <message>
        <source>What the unit answered or has done</source>
        <translation>承办单位的答复或已办情况</translation>
    </message>
    <message>
        <source>Who supervised (name or office)</source>
        <translation>督办人（姓名或部门）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>By</source>
        <translation>督办人</translation>
    </message>
</context>
<context>
    <name>SupervisionPage</name>
    <message>
        <source>Outcome supervision</source>
        <translation>成果督办</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Not completed</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Deadline from</source>
        <translation>期限从</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>成果</translation>
    </message>
    <message>
        <source>By responsible unit</source>
        <translation>按承办单位</translation>
    </message>
    <message>
        <source>Record supervision…</source>
        <translation>记录督办…</translation>
    </message>
    <message>
        <source>Supervision sheet…</source>
        <translation>督办单…</translation>
    </message>
    <message>
        <source>The responsible unit&apos;s open outcomes, to take along on a visit</source>
        <translation>承办单位未办结的成果，上门督办时带上</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>成果</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Days late</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Supervised</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>All townships</source>
        <translation>全部镇（街道）</translation>
    </message>
    <message>
        <source>All responsible units</source>
        <translation>全部承办单位</translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation>全部议事室</translation>
    </message>
    <message>
        <source>%1 outcomes</source>
        <translation>成果%1项</translation>
    </message>
</context>
<context>
    <name>SyncHistoryTabs</name>
    <message>
        <source>%1 added, %2 updated, %3 unchanged</source>
        <translation>新增 %1，更新 %2，未变 %3</translation>
    </message>
    <message>
        <source>, %1 set aside for checking</source>
        <translation>，%1 条待核对</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Bundles in and out</source>
        <translation>数据包往来记录</translation>
    </message>
    <message>
        <source>Rooms and acknowledgements</source>
        <translation>各议事室及确认情况</translation>
    </message>
    <message>
        <source>What the district has acknowledged</source>
        <translation>区政协确认情况</translation>
    </message>
    <message>
        <source>Refused bundles</source>
        <translation>被拒绝的数据包</translation>
    </message>
    <message>
        <source>Records to check</source>
        <translation>待核对的记录</translation>
    </message>
    <message>
        <source>%1: %2, joined %3. Last bundle sent: %4. Last received: %5. It acknowledged: %6</source>
        <translation>%1：%2，登记于 %3。最近发出：%4。最近收到：%5。对方已确认：%6</translation>
    </message>
    <message>
        <source>None sent yet</source>
        <translation>尚未发出</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Enrolment file</source>
        <translation>登记文件</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <source> (full)</source>
        <translation>（完整）</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>With</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Last bundle received</source>
        <translation>最近收到</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>尚未收到</translation>
    </message>
    <message>
        <source>Its changes held through</source>
        <translation>已收到其变更至</translation>
    </message>
    <message>
        <source>Last bundle sent</source>
        <translation>最近发出</translation>
    </message>
    <message>
        <source>It acknowledged</source>
        <translation>对方已确认</translation>
    </message>
    <message>
        <source>District office</source>
        <translation>区政协</translation>
    </message>
    <message>
        <source>Nothing yet</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>Bundle No. %1, changes through %2 (%3)</source>
        <translation>第 %1 号包，变更至 %2（%3）</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Enrol with the district&apos;s file…</source>
        <translation>用区政协的登记文件登记…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Writes every change the district office has not acknowledged yet into one signed and encrypted file on the drive.</source>
        <translation>把区政协尚未确认收到的全部变更写成一个签名并加密的文件，存到所选磁盘。</translation>
    </message>
    <message>
        <source>Writes the roster, rules and acknowledgements for one room into one signed and encrypted file on the drive.</source>
        <translation>把委员名册、评分规则和收件确认写成一个发给某个议事室的签名加密文件，存到所选磁盘。</translation>
    </message>
    <message>
        <source>One room</source>
        <translation>单个议事室</translation>
    </message>
    <message>
        <source>Join a city office with its file…</source>
        <translation>凭市政协登记文件登记…</translation>
    </message>
    <message>
        <source>Enrol a district office…</source>
        <translation>登记区政协…</translation>
    </message>
    <message>
        <source>All rooms of a township, in one file</source>
        <translation>整个镇（街道）的议事室，一个文件</translation>
    </message>
    <message>
        <source>One file on the drive with a bundle for each enrolled room of the township; each room imports its own bundle from it</source>
        <translation>在U盘上写一个文件，内含该镇（街道）每个已登记议事室的数据包；各议事室从中导入自己的数据包</translation>
    </message>
    <message>
        <source>The city office</source>
        <translation>市政协</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>导出同步包</translation>
    </message>
    <message>
        <source>Full export</source>
        <translation>完整导出</translation>
    </message>
    <message>
        <source>Everything this installation owns, not only the changes</source>
        <translation>导出本机维护的全部记录，而不只是变更</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import the selected bundles, or all new ones when none is selected</source>
        <translation>导入选中的数据包；未选中时导入全部新数据包</translation>
    </message>
    <message>
        <source>District offices and acknowledgements</source>
        <translation>各区政协及确认情况</translation>
    </message>
    <message>
        <source>Choose the folder of the bundles</source>
        <translation>选择存放数据包的文件夹</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>不能导出</translation>
    </message>
    <message>
        <source>Plug in a USB drive or choose a folder.</source>
        <translation>请插入 U 盘或选择文件夹。</translation>
    </message>
    <message>
        <source>No district office has sent its first bundle yet</source>
        <translation>还没有区政协发来第一个数据包</translation>
    </message>
    <message>
        <source>Writing the bundle and checking it on the drive…</source>
        <translation>正在写入数据包并在磁盘上校验…</translation>
    </message>
    <message>
        <source>Writes this office&apos;s acknowledgement for one district office (no records) into one signed file on the drive, so its next bundle carries only what changed.</source>
        <translation>把本机对某个区政协的收件确认（不含记录）写成一个签名文件存到所选磁盘，该区下次只需发送新的变动。</translation>
    </message>
    <message>
        <source>Writes everything this district holds, its rooms&apos; records too, that the city office has not acknowledged yet into one signed and encrypted file on the drive.</source>
        <translation>把本区所存、市政协尚未确认的全部记录（包括各议事室的记录）写成一个签名加密文件，存到所选磁盘。</translation>
    </message>
    <message>
        <source>Reading the drive…</source>
        <translation>正在查找同步包…</translation>
    </message>
    <message>
        <source>Written %1 (%2 records) to %3</source>
        <translation>已写入 %1（%2 条记录），位置：%3</translation>
    </message>
    <message>
        <source>No township has rooms yet</source>
        <translation>还没有哪个镇（街道）有议事室</translation>
    </message>
    <message>
        <source>Writing a bundle for each room of the township and checking the file…</source>
        <translation>正在为该镇（街道）每个议事室写数据包并校验文件…</translation>
    </message>
    <message>
        <source>Written %1 (bundles for %2 rooms) to %3</source>
        <translation>已将 %1（%2个议事室的数据包）写入 %3</translation>
    </message>
    <message>
        <source>Not included: %1</source>
        <translation>未包含：%1</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>不能导入</translation>
    </message>
    <message>
        <source>There is no new bundle to import here.</source>
        <translation>这里没有需要导入的新数据包。</translation>
    </message>
    <message>
        <source>Checking and importing the bundles…</source>
        <translation>正在检查并导入数据包…</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <source>Imported before; nothing changed</source>
        <translation>已导入过，未作改动</translation>
    </message>
    <message>
        <source>District office</source>
        <translation>区政协</translation>
    </message>
    <message>
        <source>Forwards to %1</source>
        <translation>转报至%1</translation>
    </message>
    <message>
        <source>City office</source>
        <translation>市政协</translation>
    </message>
    <message>
        <source>Enrolled with %1</source>
        <translation>已登记到%1</translation>
    </message>
    <message>
        <source>Key fingerprint %1</source>
        <translation>密钥指纹 %1</translation>
    </message>
    <message>
        <source>Last export %1</source>
        <translation>上次导出 %1</translation>
    </message>
    <message>
        <source>Nothing exported yet</source>
        <translation>尚未导出过</translation>
    </message>
    <message>
        <source>Sync keys are not made yet: run “yishi setup city” on this computer before enrolling district offices.</source>
        <translation>尚未生成同步密钥：请先在本机运行“yishi setup city”，再登记区政协。</translation>
    </message>
    <message>
        <source>No district office enrolled yet: press “Enrol a district office…”.</source>
        <translation>尚未登记任何区政协：请点击“登记区政协…”。</translation>
    </message>
    <message>
        <source>enrolled, no bundle yet</source>
        <translation>已登记，尚未发来数据包</translation>
    </message>
    <message>
        <source>%1 rooms, last bundle %2</source>
        <translation>%1 个议事室，最近数据包 %2</translation>
    </message>
    <message>
        <source>Match local members with the roster (%1)</source>
        <translation>本室委员与名册核对（%1）</translation>
    </message>
    <message>
        <source>Sync keys are not made yet: run “yishi setup district” on this computer before exchanging bundles.</source>
        <translation>尚未生成同步密钥：请先在本机运行“yishi setup district”，再交换数据包。</translation>
    </message>
    <message>
        <source>This room is not enrolled yet: ask the district office for an enrolment file and set up with it before exporting.</source>
        <translation>本议事室尚未登记：请向区政协领取登记文件，用它完成登记后再导出。</translation>
    </message>
    <message>
        <source>%1 days since the last bundle was sent to the district office.</source>
        <translation>距上次向区政协导出数据包已 %1 天。</translation>
    </message>
    <message>
        <source>No room has sent its first bundle yet</source>
        <translation>还没有议事室发来第一个数据包</translation>
    </message>
    <message>
        <source>%1 (%2 of %3 rooms can be sent to)</source>
        <translation>%1（%3个议事室中%2个可下发）</translation>
    </message>
    <message>
        <source>Writes one file on the drive holding a signed and encrypted bundle for each enrolled room of the township (roster, rules and acknowledgements); each room imports its own bundle from it.</source>
        <translation>在U盘上写一个文件，内含该镇（街道）每个已登记议事室的签名加密数据包（委员名册、规则和确认）；各议事室从中导入自己的数据包。</translation>
    </message>
    <message>
        <source>%1: %2
The way out is described at the top of this page.</source>
        <translation>%1：%2
解决办法见本页上方的说明。</translation>
    </message>
    <message>
        <source>No drive found: plug in a USB drive or choose a folder.</source>
        <translation>未找到磁盘：请插入 U 盘或选择文件夹。</translation>
    </message>
    <message>
        <source>%1 new bundles for this installation</source>
        <translation>有 %1 个发给本机的新数据包</translation>
    </message>
    <message>
        <source>; %1 others are not for it</source>
        <translation>；另有 %1 个不是发给本机的</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <source>%1 is not a Yishi bundle (.yishi) or township pack (.yishipack).</source>
        <translation>%1 不是议事数据包（.yishi）或街道数据包（.yishipack）。</translation>
    </message>
    <message>
        <source>File not found: %1</source>
        <translation>找不到文件：%1</translation>
    </message>
    <message>
        <source>%1 is a folder, not a bundle file.</source>
        <translation>%1 是文件夹，不是数据包文件。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a Yishi bundle: the file is damaged, incomplete or of another kind.</source>
        <translation>%1 不是议事数据包：文件已损坏、不完整或是其他类型的文件。</translation>
    </message>
    <message>
        <source>%1 is selected: press Import to import it.</source>
        <translation>已选中 %1，点“导入”即可导入。</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>New team</source>
        <translation>新建团队</translation>
    </message>
    <message>
        <source>Edit team</source>
        <translation>编辑团队</translation>
    </message>
    <message>
        <source>Find a member by name or pinyin initials</source>
        <translation>按姓名或拼音首字母查找委员</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>界别</translation>
    </message>
    <message>
        <source>Group (optional)</source>
        <translation>组别（选填）</translation>
    </message>
    <message>
        <source>Tick the members of the team (Space); type a group name beside one (F2).</source>
        <translation>勾选团队成员（空格键）；可在旁边填写组别（F2）。</translation>
    </message>
    <message>
        <source>Team name</source>
        <translation>团队名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
</context>
<context>
    <name>TeamsTab</name>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>New team</source>
        <translation>新建团队</translation>
    </message>
    <message>
        <source>Add a team and its members (Ctrl+N)</source>
        <translation>新建团队并选定成员（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Name, kind and members (Enter or double-click)</source>
        <translation>名称、类型和成员（回车或双击）</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the team; its members stay on the roster (Delete)</source>
        <translation>删除团队，成员仍保留在名册中（Delete）</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组别</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>界别</translation>
    </message>
    <message>
        <source>%1 teams</source>
        <translation>共 %1 个团队</translation>
    </message>
    <message>
        <source>Members of %1</source>
        <translation>%1 的成员</translation>
    </message>
    <message>
        <source>Members (choose a team)</source>
        <translation>成员（请先选择团队）</translation>
    </message>
    <message>
        <source>Delete the team “%1”? Its %2 members leave the team; they stay on the roster. The rooms get the change with the next bundle.</source>
        <translation>删除团队“%1”？其%2名成员将离开该团队，仍保留在名册中。各议事室在下一个数据包中收到此变更。</translation>
    </message>
    <message>
        <source>Delete the team “%1”? It has no members. The rooms get the change with the next bundle.</source>
        <translation>删除团队“%1”？该团队没有成员。各议事室在下一个数据包中收到此变更。</translation>
    </message>
    <message>
        <source>Delete team</source>
        <translation>删除团队</translation>
    </message>
</context>
<context>
    <name>TextSizeChooser</name>
    <message>
        <source>Small</source>
        <translation>小</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大</translation>
    </message>
</context>
<context>
    <name>TimeEdit</name>
    <message>
        <source>Not a time of day. Type for example 0930, 9:30 or 14.</source>
        <translation>不是有效时间。请输入如 0930、9:30 或 14。</translation>
    </message>
</context>
<context>
    <name>TopicDetailPanel</name>
    <message>
        <source>Choose a topic in the list to see it here.</source>
        <translation>在左侧列表中选择一个议题，在此查看详情。</translation>
    </message>
    <message>
        <source>Shortlist</source>
        <translation>初选</translation>
    </message>
    <message>
        <source>Announce…</source>
        <translation>公告…</translation>
    </message>
    <message>
        <source>Claim…</source>
        <translation>认领…</translation>
    </message>
    <message>
        <source>Withdraw claim…</source>
        <translation>撤回认领…</translation>
    </message>
    <message>
        <source>A member gives up the claim; it no longer counts in duty scoring</source>
        <translation>委员放弃认领，不再计入履职评价</translation>
    </message>
    <message>
        <source>Decline…</source>
        <translation>不予立项…</translation>
    </message>
    <message>
        <source>Consult now</source>
        <translation>直接协商</translation>
    </message>
    <message>
        <source>Immediate consultation: mark the topic as discussed without announcement</source>
        <translation>即时性协商：不经公告，直接记为已协商</translation>
    </message>
    <message>
        <source>Undo…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <source>Print notice…</source>
        <translation>打印公告…</translation>
    </message>
    <message>
        <source>The topic notice for the notice board, personal data masked</source>
        <translation>打印张贴用的议题公告（个人信息已隐去）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Correct the title, source, description or date</source>
        <translation>修改标题、来源、说明或日期</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Move the topic to the recycle bin; it can be restored from there</source>
        <translation>将议题移入回收站，可从回收站恢复</translation>
    </message>
    <message>
        <source>Separate from topic…</source>
        <translation>取消合并…</translation>
    </message>
    <message>
        <source>The chosen slips leave the topic and are open again in the opinions list; the topic stays</source>
        <translation>所选意见单移出本议题，回到意见单列表待处理；议题保留</translation>
    </message>
    <message>
        <source>Where it stands</source>
        <translation>议事活动</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>认领委员</translation>
    </message>
    <message>
        <source>Opinion slips</source>
        <translation>社情民意采集表</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>状态变更记录</translation>
    </message>
    <message>
        <source>raised %1</source>
        <translation>%1提出</translation>
    </message>
    <message>
        <source>immediate consultation</source>
        <translation>即时性协商</translation>
    </message>
    <message>
        <source>Proposed by member %1</source>
        <translation>推荐委员：%1</translation>
    </message>
    <message>
        <source>Announced %1, claims until %2</source>
        <translation>%1公告，认领截止%2</translation>
    </message>
    <message>
        <source>Declined: %1</source>
        <translation>不予立项理由：%1</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>（无说明）</translation>
    </message>
    <message>
        <source>Undo announcement…</source>
        <translation>撤销公告…</translation>
    </message>
    <message>
        <source>Undo shortlisting…</source>
        <translation>撤销初选…</translation>
    </message>
    <message>
        <source>Not yet on a meeting&apos;s agenda</source>
        <translation>尚未列入议事活动</translation>
    </message>
    <message>
        <source>No claims</source>
        <translation>尚无委员认领</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>No slips</source>
        <translation>无采集表</translation>
    </message>
    <message>
        <source>No status changes yet</source>
        <translation>还没有状态变更</translation>
    </message>
</context>
<context>
    <name>TopicsPage</name>
    <message>
        <source>Topics</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>New topic</source>
        <translation>新建议题</translation>
    </message>
    <message>
        <source>Recycle bin…</source>
        <translation>回收站…</translation>
    </message>
    <message>
        <source>Deleted topics, slips and meetings, to restore</source>
        <translation>已删除的议题、意见单和活动，可恢复</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Search titles and descriptions (Ctrl+L)</source>
        <translation>搜索标题和说明（Ctrl+L）</translation>
    </message>
    <message>
        <source>immediate</source>
        <translation>即时</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Raised on</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>议事室</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>Year %1</source>
        <translation>%1年</translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation>全部议事室</translation>
    </message>
    <message>
        <source>%1 topics</source>
        <translation>共 %1 个</translation>
    </message>
    <message>
        <source>Shortlist</source>
        <translation>初选</translation>
    </message>
    <message>
        <source>Shortlist the topic “%1”?</source>
        <translation>将议题“%1”列入初选？</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Why is “%1” taken back to the previous step?</source>
        <translation>“%1”退回上一步的原因：</translation>
    </message>
    <message>
        <source>Choose the member who claims the topic</source>
        <translation>请选择认领的委员</translation>
    </message>
    <message>
        <source>Withdraw claim</source>
        <translation>撤回认领</translation>
    </message>
    <message>
        <source>Whose claim is withdrawn?</source>
        <translation>撤回哪位委员的认领？</translation>
    </message>
    <message>
        <source>Topic notice</source>
        <translation>议题公告</translation>
    </message>
    <message>
        <source>Separate from topic</source>
        <translation>取消合并</translation>
    </message>
    <message>
        <source>Separate %1 slips from the topic “%2”? They are open again in the opinions list; the topic stays as it is.</source>
        <translation>将 %1 条意见单从议题“%2”中取消合并？取消后回到意见单列表待处理，议题保持不变。</translation>
    </message>
    <message>
        <source>Separate</source>
        <translation>取消合并</translation>
    </message>
    <message>
        <source>Delete topic</source>
        <translation>删除议题</translation>
    </message>
    <message>
        <source>Move the topic &quot;%1&quot; to the recycle bin?</source>
        <translation>将议题“%1”移入回收站？</translation>
    </message>
    <message>
        <source>Its %1 opinion slips go with it and come back when it is restored. To keep them in the list of open slips, separate them from the topic first.</source>
        <translation>其下 %1 条意见单随议题一起删除，恢复议题时一并恢复。如要保留为待处理意见单，请先取消合并。</translation>
    </message>
</context>
<context>
    <name>UnitsTable</name>
    <message>
        <source>Responsible unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Longest overdue (days)</source>
        <translation>最长逾期（天）</translation>
    </message>
    <message>
        <source>Overdue days in all</source>
        <translation>逾期总天数</translation>
    </message>
    <message>
        <source>Double-click a unit to list its outcomes</source>
        <translation>双击承办单位查看其成果</translation>
    </message>
</context>
<context>
    <name>_RecordTab</name>
    <message>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <source>Year %1</source>
        <translation>%1年</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>议事室</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Sync keys made</source>
        <translation>同步密钥已生成</translation>
    </message>
    <message>
        <source>This computer&apos;s key fingerprint: %1

The escrow key was written once, to %2 (fingerprint %3). Copy it to offline media, keep it somewhere safe and delete it from this computer: with it, the bundles sent to this office can still be read if this computer&apos;s keys are lost.</source>
        <translation>本机密钥指纹：%1

托管密钥只写出这一次，位于 %2（指纹 %3）。请抄存到离线介质并妥善保管，然后从本机删除：本机密钥丢失时，凭它仍可读取发给本单位的数据包。</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>登记完成</translation>
    </message>
    <message>
        <source>Enrolled with %1. Read these fingerprints out to the district office by phone and check that they match:

District: %2
This room: %3</source>
        <translation>已登记到%1。请与区政协电话核对以下密钥指纹，确认一致：

区政协：%2
本议事室：%3</translation>
    </message>
    <message>
        <source>Setup failed</source>
        <translation>设置失败</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Setting up this room from the enrolment file…</source>
        <translation>正在用登记文件设置本议事室…</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>示例数据</translation>
    </message>
    <message>
        <source>Generating demo data…</source>
        <translation>正在生成示例数据……</translation>
    </message>
    <message>
        <source>The demo data could not be generated: %1</source>
        <translation>未能生成示例数据：%1</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Yishi is already running</source>
        <translation>议事已在运行</translation>
    </message>
    <message>
        <source>Yishi is already running (one data folder opens in one window only); switched to the open window.</source>
        <translation>议事已经在运行（同一数据文件夹只能打开一个窗口），已切换到已打开的窗口。</translation>
    </message>
    <message>
        <source>Yishi is already running (one data folder opens in one window only); the file is shown on the Sync page of the open window.</source>
        <translation>议事已在运行（一个数据文件夹只能在一个窗口中打开）；该文件已显示在已打开窗口的“同步”页。</translation>
    </message>
    <message>
        <source>Yishi is busy</source>
        <translation>议事正忙</translation>
    </message>
    <message>
        <source>Yishi cannot open its database</source>
        <translation>议事无法打开数据库</translation>
    </message>
    <message>
        <source>The backup could not be restored</source>
        <translation>无法恢复备份</translation>
    </message>
    <message>
        <source>The newest sound backup is from %1. Restore it? The damaged file is kept in the backups folder; what was entered after the backup was made is not in it.</source>
        <translation>最新的完好备份是 %1 的。要恢复它吗？损坏的文件会保留在备份文件夹里；备份之后录入的内容不在其中。</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>恢复此备份</translation>
    </message>
    <message>
        <source>Recovered after an unexpected exit</source>
        <translation>上次未正常关闭，已恢复以下内容</translation>
    </message>
</context>
<context>
    <name>crash_hook</name>
    <message>
        <source>Something unexpected went wrong (%1). What was saved before is safe; please check the last entry and carry on.</source>
        <translation>程序出现意外错误（%1）。此前保存的内容都在；请检查最后一项输入后继续使用。</translation>
    </message>
    <message>
        <source>Details were written to %1.</source>
        <translation>详情已写入 %1。</translation>
    </message>
    <message>
        <source>Yishi</source>
        <translation>议事</translation>
    </message>
</context>
</TS>
