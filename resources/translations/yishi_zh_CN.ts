<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Counted over every record on this computer, including those imported from the rooms; deleted records are not counted.</source>
        <translation>统计范围：本机保存的全部记录，包括从各议事室导入的记录；已删除的记录不计入。</translation>
    </message>
    <message>
        <source>Counted over the records of this room kept on this computer; deleted records are not counted.</source>
        <translation>统计范围：本议事室保存在本机的记录；已删除的记录不计入。</translation>
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
        <source>%1 Consultation Room</source>
        <translation>%1协商议事室</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
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
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
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
    <name>app</name>
    <message>
        <source>Setup failed</source>
        <translation>设置失败</translation>
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
        <source>Yishi cannot open its database</source>
        <translation>议事无法打开数据库</translation>
    </message>
</context>
</TS>
