// The console's one navigation definition: the side menu, the routes, the breadcrumbs and the
// workbench shortcuts are all derived from this array. Add a page here and in views/, nowhere else.
// `view` names a file under src/views/ (without .vue); router.js fails loudly if it is missing.
// `hidden: true` makes a page routable (with breadcrumbs) but keeps it out of the menu and tiles.
// `bare: true` renders a (hidden) page without the console's header and menu: a print view.
// `perm` is what a user needs to open the page, in the words of the server's route table
// (src/api/routes.c): 'public' (no login: the law library), 'authenticated' (any logged-in user)
// or a permission name. The menu, the 工作台 tiles and the router guard all read it. A module
// enters the menu when its pages land, never before as a placeholder (tests/e2e/layout.test.mjs).
import {
  HomeFilled, OfficeBuilding, Briefcase, UploadFilled, Monitor, Stamp, Setting, DataAnalysis, Document, Connection, Trophy, Files
} from '@element-plus/icons-vue'

export const APP_TITLE = '行政执法综合管理监督信息系统'
export const APP_SHORT_TITLE = '执法监督'

export const menu = [
  { path: '/', perm: 'authenticated', title: '工作台', icon: HomeFilled, view: 'Home' },
  { path: '/messages', perm: 'authenticated', title: '消息中心', view: 'Messages', desc: '交给本人办理的事项：待审批、督办问诊、期限临近等，点击打开', hidden: true },
  {
    key: 'elements', title: '要素管理', icon: OfficeBuilding,
    children: [
      { path: '/elements/agencies', perm: 'elements.read', title: '执法主体', view: 'elements/Agencies', desc: '执法机构、法定资格与执法区域，含赋权街道（乡镇）' },
      { path: '/elements/officers', perm: 'elements.read', title: '执法人员', view: 'elements/Officers', desc: '执法人员与执法证件：有效期、暂扣注销、培训学时' },
      { path: '/elements/powers', perm: 'elements.read', title: '权责清单', view: 'elements/Powers', desc: '各执法主体的行政职权事项及其法律依据' },
      { path: '/elements/laws', perm: 'public', title: '法律法规库', view: 'elements/Laws', desc: '法律、法规、规章全文，按条检索' },
      { path: '/elements/benchmarks', perm: 'elements.read', title: '裁量基准', view: 'elements/Benchmarks', desc: '行政处罚裁量基准，按职权事项细化' },
      { path: '/elements/inspection-entities', perm: 'inspections.read', title: '检查对象名录', view: 'elements/InspectionEntities', desc: '双随机抽查的检查对象名录库：信用风险分类、风险标签，Excel 与数据交换文件导入' },
      { path: '/elements/inspection-officers', perm: 'inspections.read', title: '检查人员名录', view: 'elements/InspectionOfficers', desc: '执法检查人员名录库：持证人员与各自的回避名单' }
    ]
  },
  {
    key: 'cases', title: '执法办案', icon: Briefcase,
    children: [
      { path: '/cases/mine', perm: 'cases.handle', title: '我的案件', view: 'cases/MyCases', desc: '本人承办的案件：立案、调查取证、告知、决定、送达、执行、结案' },
      { path: '/cases/inspections', perm: 'cases.handle', title: '检查任务', view: 'cases/Inspections', desc: '行政检查：检查通知、现场检查（出示证件、现场照片）、责令改正与整改复查、移送立案、结果公示' },
      { path: '/cases/coercions', perm: 'cases.handle', title: '强制措施', view: 'cases/Coercions', desc: '行政强制措施（查封、扣押、冻结）与行政强制执行：批准、现场笔录与清单、期限与延长、催告、执行' },
      { path: '/cases/licenses', perm: 'cases.handle', title: '许可办理', view: 'cases/Licenses', desc: '行政许可：申请、补正告知、受理、审查、决定、送达与公示' },
      { path: '/cases/approvals', perm: 'cases.handle', title: '审批待办', view: 'cases/Approvals', desc: '等待我签署的立案、处罚决定、结案审批（会签、加签、超时上报）' },
      // The respondent agency's side of 行政复议 (issue 24): its cases from acceptance on, to answer.
      { path: '/cases/reconsiderations', perm: 'reconsideration.answer', title: '复议答复', view: 'reconsideration/ReconInbox', desc: '本机构被申请行政复议的案件：收到申请书副本后按期书面答复并提交证据' },
      { path: '/cases/orders', perm: 'orders.respond', title: '监督事项', view: 'cases/OrderInbox', desc: '执法监督机构下发给本机构的督办通知书、问诊单、意见书和转办的线索：签收、反馈整改情况、办理答复' },
      // The agency's side of 案卷评查: its published results and its 申辩 (supervisors read them too).
      { path: '/cases/reviews', perm: 'reviews.read', title: '评查结果', view: 'cases/ReviewResults', desc: '本机构案卷的评查结果通报，在申辩期内提出申辩' },
      { path: '/cases/inspection-plans', perm: 'inspections.read', title: '抽查计划', view: 'cases/InspectionPlans', desc: '双随机、一公开：按随机种子抽取检查对象与检查人员，存证后不可重抽，检查结果向社会公开' },
      { path: '/cases/publicity', perm: 'public', title: '案件公示', view: 'cases/Publicity', desc: '行政执法决定公示（个人信息脱敏）' },
      // Reached from links (预警看板, 分主体汇总), not from the menu.
      { path: '/cases/detail/:case_no', perm: 'cases.read', title: '案件详情', view: 'supervision/CaseDetail', desc: '案件的办理要素、规则引擎预警、网上办案记录与附件、督办问诊和存证核验', hidden: true },
      { path: '/cases/handle/:case_no', perm: 'cases.handle', title: '案件办理', view: 'cases/CaseHandle', desc: '在线办理：当前环节、期限、可办理的操作与办理记录', hidden: true }
    ]
  },
  {
    key: 'reporting', title: '数据报送', icon: UploadFilled,
    children: [
      { path: '/reporting/monthly', perm: 'intake.write', title: '按月报送', view: 'reporting/Monthly', desc: '未上线办案系统的执法主体按月报送执法统计数据' },
      { path: '/reporting/monthly-status', perm: 'reports.read', title: '报送情况', view: 'reporting/MonthlyStatus', desc: '各执法主体按月报送情况与逾期未报名单' },
      { path: '/reporting/entry', perm: 'intake.write', title: '事后录入', view: 'reporting/PostEntry', desc: '办结案件的事后逐案录入' },
      { path: '/reporting/import', perm: 'intake.write', title: '数据导入', view: 'reporting/Import', desc: '上传 Excel 模板或数据文件批量导入，逐行列出错误' }
    ]
  },
  {
    key: 'supervision', title: '执法监督', icon: Monitor,
    children: [
      { path: '/supervision/cases', perm: 'cases.read', title: '案件查询', view: 'supervision/CaseQuery', desc: '本人数据范围内的全部案件，按主体、区划、类型、状态、日期、金额与预警筛选' },
      { path: '/supervision/alerts', perm: 'findings.read', title: '预警看板', view: 'supervision/Alerts', desc: '规则引擎发现的红色、黄色预警' },
      { path: '/supervision/filings', perm: 'filings.read', title: '重大决定备案', view: 'supervision/Filings', desc: '重大行政执法决定的自动备案、逾期备案预警与审查（无异议 / 提出意见）' },
      { path: '/supervision/summary', perm: 'findings.read', title: '分主体汇总', view: 'supervision/Summary', desc: '各执法主体的违规、预警数量' },
      { path: '/supervision/orders', perm: 'orders.read', title: '督办问诊', view: 'supervision/Orders', desc: '督办单、问诊单的下发、整改、反馈与核验' },
      // Reached from the lists, the alert board and the top bar's badge.
      { path: '/supervision/orders/:id', perm: 'orders.read', title: '督办事项', view: 'supervision/OrderDetail', desc: '督办问诊文书、整改反馈、附件与办理记录', hidden: true },
      { path: '/supervision/orders/:id/print', perm: 'orders.read', title: '打印督办文书', view: 'supervision/OrderPrint', desc: '督办问诊文书的 A4 打印版', hidden: true, bare: true },
      { path: '/supervision/leads', perm: 'leads.read', title: '线索受理', view: 'supervision/Leads', desc: '12345 热线、投诉举报、信访、复议诉讼等监督线索的受理、转办、核实与办结' },
      // Reached from the lead board and the agency's inbox (监督事项 → 转办线索).
      { path: '/supervision/leads/:id', perm: 'leads.read', title: '线索详情', view: 'supervision/LeadDetail', desc: '线索内容、反映人、分办结果、执法机关的办理答复与办理记录', hidden: true },
      { path: '/supervision/joint', perm: 'joint.read', title: '综合查一次', view: 'supervision/JointInspection', desc: '由重复检查预警生成跨部门联合检查计划，维护事项目录清单，统计减少的入企次数' },
      { path: '/supervision/focus', perm: 'focus.read', title: '重点督查对象', view: 'supervision/FocusAgencies', desc: '按线索、复议诉讼纠错、监督文书与违法预警加权排出的年度重点督查执法主体' },
      // 特邀监督员 and 派驻律师 only (observations.write): their observations and what became of them.
      { path: '/supervision/observations', perm: 'observations.write', title: '我的监督意见', view: 'supervision/Observations', desc: '特邀监督员、派驻律师对范围内案件和执法机关提出监督意见，跟踪办理结果' },
      { path: '/supervision/reviews', perm: 'reviews.read', title: '案卷评查', view: 'supervision/ReviewPlans', desc: '评查计划：按主体分层的可复现抽样、交叉评查分配、评分、仲裁与结果通报' },
      // Reached from the plans list and the plan pages.
      { path: '/supervision/reviews/standards', perm: 'reviews.read', title: '评查标准', view: 'supervision/ReviewStandards', desc: '评查评分表：评查项目、细项、扣分情形及依据；复制内置标准后按本地规定修改', hidden: true },
      { path: '/supervision/reviews/new', perm: 'reviews.manage', title: '新建评查计划', view: 'supervision/ReviewWizard', desc: '评查范围 → 抽样预览 → 评查人员 → 启动', hidden: true },
      { path: '/supervision/reviews/:id', perm: 'reviews.read', title: '评查计划', view: 'supervision/ReviewPlan', desc: '抽取的案卷、评查人员与进度、仲裁、评查结果（按案卷、主体、评查项目）、通报与申辩', hidden: true },
      // Supervisors, lawyers and invited experts (reviews.score): the files assigned to them only.
      { path: '/reviews/tasks', perm: 'reviews.score', title: '我的评查任务', view: 'reviews/ReviewTasks', desc: '分配给本人的评查案卷：对照评查标准逐项扣分、提交评分' },
      { path: '/reviews/tasks/:id', perm: 'reviews.score', title: '案卷评分', view: 'reviews/ReviewScoring', desc: '左侧案卷，右侧评分表', hidden: true },
      { path: '/supervision/rule-config', perm: 'rule_config.read', title: '规则配置', view: 'supervision/RuleConfig', desc: '监督规则的期限、金额标准等参数，可按领域、区划设置' }
    ]
  },
  {
    // 规范性文件备案审查 (issue 25, docs/normative-docs.md)
    key: 'normative', title: '规范性文件备案审查', icon: Document,
    children: [
      { path: '/normative/registry', perm: 'normative.review', title: '文件登记', view: 'normative/Registry', desc: '报备文件的统一登记、统一编号，暂缓登记，统一公布与废止' },
      { path: '/normative/review', perm: 'normative.review', title: '备案审查', view: 'normative/Review', desc: '我的审查任务：承办人初审、处长复审、分管副主任复核、主任终审，60 日审查期限黄牌红牌' },
      { path: '/normative/cleanup', perm: 'normative.read', title: '文件清理', view: 'normative/Cleanup', desc: '两年一次的定期清理：到期文件按制定机关列出，未答复、超过有效期的标出' },
      { path: '/normative/mine', perm: 'normative.file', title: '文件报备', view: 'normative/Filing', desc: '本机关规范性文件报送备案、报送修订稿，查看审查结论' },
      { path: '/normative/stats', perm: 'normative.read', title: '备案统计', view: 'normative/Stats', desc: '报备率、及时率、规范率、审查天数，按制定机关和年度，导出 Excel' }
    ]
  },
  {
    // 法治督察考核 (issue 26, docs/assessment.md)
    key: 'assessment', title: '法治督察考核', icon: Trophy,
    children: [
      { path: '/assessment/indicators', perm: 'assessment.read', title: '指标体系', view: 'assessment/Indicators', desc: '年度考核方案：组成部分及权重、三级指标体系、评分标准与系统自动计算的指标' },
      { path: '/assessment/filling', perm: 'assessment.read', title: '指标填报', view: 'assessment/Filling', desc: '被考核单位逐项填报并上传佐证材料，查看系统计算指标的来源，提出异议' },
      { path: '/assessment/scoring', perm: 'assessment.read', title: '考核评分', view: 'assessment/Scoring', desc: '审核填报、逐项赋分（扣分说明理由）、实时排名与导出，低分指标转督办' },
      { path: '/assessment/tasks', perm: 'assessment.read', title: '任务分解', view: 'assessment/Tasks', desc: '年度重点任务分解到单位，按时间节点黄色、红色预警，逾期转督办' }
    ]
  },
  {
    // 行政复议 (issue 24, docs/reconsideration.md): the 复议机构's register, its cases, the statistics.
    key: 'reconsideration', title: '行政复议', icon: Files,
    children: [
      { path: '/reconsideration/register', perm: 'reconsideration.handle', title: '收案登记', view: 'reconsideration/ReconRegister', desc: '登记当面、来信、邮寄的行政复议申请，计算审查期限' },
      { path: '/reconsideration/cases', perm: 'reconsideration.handle', title: '复议审理', view: 'reconsideration/ReconCases', desc: '本机构的行政复议案件与下一期限：受理、补正、送副本、答复、中止、延期、听证、决定' },
      { path: '/reconsideration/cases/:id', perm: 'reconsideration.read', title: '复议案件', view: 'reconsideration/ReconDetail', desc: '申请内容、法定期限、可办理的步骤与办理记录', hidden: true },
      { path: '/reconsideration/stats', perm: 'reconsideration.read', title: '复议统计', view: 'reconsideration/ReconStats', desc: '收案、受理、不予受理理由、各被申请人纠错率与平均审理天数，导出 Excel' }
    ]
  },
  {
    key: 'stats', title: '统计分析', icon: DataAnalysis,
    children: [
      { path: '/stats/dashboard', perm: 'stats.read', title: '数据看板', view: 'stats/Dashboard', desc: '案件、罚没、预警、督办、零执法、证件到期与按月报送的统计图，点击下钻到清单' },
      { path: '/stats/rankings', perm: 'stats.read', title: '排名', view: 'stats/Rankings', desc: '执法主体、区划按综合得分排名，含各项指标得分与较上月变化' },
      // A wall screen: dark, 1920×1080, without the console's chrome; opens full screen from its button.
      { path: '/screen', perm: 'stats.read', title: '大屏', view: 'stats/Screen', desc: '本区域执法监督数据一屏总览，定时刷新', bare: true },
      { path: '/stats/bulletin', perm: 'stats.read', title: '月度通报', view: 'stats/Bulletin', desc: '按月生成行政执法监督通报：总体情况、各执法主体办案与监督情况、排名、突出问题，下载 PDF 与 Excel' }
    ]
  },
  {
    key: 'evidence', title: '存证核验', icon: Stamp,
    children: [
      { path: '/evidence/ledger', perm: 'ledger.read', title: '存证记录', view: 'evidence/Ledger', desc: '案件全过程记录的 SM3 默克尔日志与 SM2 签名树头' },
    ]
  },
  {
    key: 'sync', title: '多级汇聚', icon: Connection,
    children: [
      { path: '/sync/nodes', perm: 'sync.read', title: '下级节点', view: 'sync/Nodes', desc: '逐级汇聚的下级实例：登记状态、最后批次、待报送条数（滞后）与已核验的账本树头' },
      { path: '/sync/batches', perm: 'sync.read', title: '交换批次', view: 'sync/Batches', desc: '与下级、上级交换的数据批次及被拒收的行' }
    ]
  },
  {
    key: 'system', title: '系统管理', icon: Setting,
    children: [
      { path: '/system/users', perm: 'users.read', title: '用户管理', view: 'system/Users', desc: '系统用户、所属机构与角色' },
      { path: '/system/roles', perm: 'roles.read', title: '角色权限', view: 'system/Roles', desc: '角色及其权限（三员分立）' },
      { path: '/system/orgs', perm: 'agencies.read', title: '机构管理', view: 'system/Orgs', desc: '行政区划与机构树' },
      { path: '/system/tokens', perm: 'tokens.write', title: '接口令牌', view: 'system/Tokens', desc: '12345 热线等外部系统调用接口的令牌（按区域授权，可吊销）' },
      { path: '/system/settings', perm: 'settings.read', title: '系统参数', view: 'system/Settings', desc: '按月报送截止日、文号格式等参数' },
      { path: '/system/audit', perm: 'audit.read', title: '审计日志', view: 'system/Audit', desc: '个人信息访问与全部写操作的审计记录' },
      { path: '/system/profile', perm: 'authenticated', title: '我的信息', view: 'system/Profile', desc: '本人账号信息与密码修改' }
    ]
  }
]

// The menu as a user may see it: pages he may open (`can(perm)`, e.g. the session store's can),
// not hidden, in modules that keep at least one page.
export function allowedMenu (can, items = menu) {
  const out = []
  for (const item of items) {
    if (item.children) {
      const children = item.children.filter((c) => !c.hidden && can(c.perm))
      if (children.length) out.push({ ...item, children })
    } else if (!item.hidden && can(item.perm)) {
      out.push(item)
    }
  }
  return out
}

// Every page (leaf) with the module it belongs to, in menu order.
export function menuLeaves (items = menu) {
  const leaves = []
  for (const item of items) {
    if (item.children) {
      for (const child of item.children) leaves.push({ ...child, module: item })
    } else {
      leaves.push({ ...item, module: null })
    }
  }
  return leaves
}
