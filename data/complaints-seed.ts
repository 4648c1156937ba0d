// Demo complaints (举报投诉) so the complaints screen has something true to show: a few in every status,
// one overdue, one answered late, one not yet placed in any township. Handled by the demo accounts, so
// it runs after them (server/db/demo-users.ts, seedDemoInspectors). Deterministic for a given day: the
// same receipts, texts and places; days count back from today so the overdue one stays overdue.
import { loadDataKey } from '../server/config.ts';
import { changeComplaint, insertComplaint, NO_CONTACT, sealContact, type ComplaintChange } from '../server/db/complaints.ts';
import type { Db } from '../server/db/connection.ts';
import { createPersonalDataCipher } from '../server/db/personal-data.ts';
import { DEFAULT_COMPLAINT_DAYS, type ComplaintChannel, type ComplaintSubject } from '../server/domain/complaint-states.ts';
import { newReceiptNo } from '../server/domain/complaint-receipt.ts';
import { addDays, chinaDay } from '../server/domain/deadlines.ts';
import { Random } from './random.ts';

type Who = 'county' | 'staff' | 'township';
type Step = [daysAfterReceipt: number, who: Who, action: ComplaintChange['action'], text?: string];

interface Demo {
  daysAgo: number;
  channel: ComplaintChannel;
  subject: ComplaintSubject;
  /** 'demo': the demo township; 'other': the county's second township; null: not placed. */
  township: 'demo' | 'other' | null;
  village?: boolean;
  house?: boolean;
  place?: string;
  content: string;
  contact?: [name: string, phone: string];
  steps: Step[];
}

const DEMOS: Demo[] = [
  {
    daysAgo: 1,
    channel: 'public_form',
    subject: 'dangerous_house',
    township: null,
    place: '县城往南公路边，桥头那几间土房',
    content: '公路边有几间土坯房，屋顶塌了一半，晚上好像还有人住，请派人看看。',
    steps: [],
  },
  {
    daysAgo: 2,
    channel: 'public_form',
    subject: 'people_in_danger',
    township: 'demo',
    village: true,
    place: '二组河边',
    content: '河边那户的土木房子后墙已经歪了，下雨天老两口还住在里面，很危险。',
    contact: ['刘桂兰', '13912345678'],
    steps: [],
  },
  {
    daysAgo: 5,
    channel: 'phone',
    subject: 'dangerous_house',
    township: 'demo',
    house: true,
    content: '来电反映：该户房屋地基下沉，墙体出现贯通裂缝，户主担心雨季倒塌。',
    contact: ['王建国', '13709876543'],
    steps: [[1, 'township', 'assign', '请镇里核实后上报']],
  },
  {
    daysAgo: 9,
    channel: 'mailbox',
    subject: 'renovation_quality',
    township: 'demo',
    village: true,
    content: '去年危房改造加固的房子，今年墙皮大面积脱落，屋顶漏雨，怀疑施工偷工减料。',
    steps: [
      [1, 'township', 'assign'],
      [3, 'township', 'investigate', '已到现场查看，屋面防水未按方案施工，已通知施工方。'],
    ],
  },
  {
    daysAgo: 20,
    channel: 'visit',
    subject: 'subsidy',
    township: 'demo',
    content: '来访反映：改造补助资金只到账一半，剩余部分迟迟未发放。',
    contact: ['陈明', '15800001234'],
    steps: [
      [2, 'county', 'assign'],
      [6, 'staff', 'investigate', '已向财政所调取拨付记录，等待乡镇回复。'],
    ],
  },
  {
    daysAgo: 12,
    channel: 'public_form',
    subject: 'appraisal_dispute',
    township: 'demo',
    village: true,
    content: '我家房子被鉴定为 B 级，但是墙上裂缝很大，认为鉴定不准确，要求重新鉴定。',
    contact: ['赵丽', '13600005555'],
    steps: [
      [1, 'county', 'assign'],
      [4, 'staff', 'investigate', '已安排第二名鉴定人员复核。'],
      [9, 'staff', 'answer', '经复核鉴定，房屋承重墙裂缝为非结构性裂缝，维持 B 级；已告知户主定期观察，发现变化可随时反映。'],
    ],
  },
  {
    daysAgo: 30,
    channel: 'phone',
    subject: 'dangerous_house',
    township: 'demo',
    house: true,
    content: '来电反映：邻居家闲置危房未封存，常有小孩进出玩耍。',
    steps: [
      [1, 'township', 'assign'],
      [5, 'township', 'investigate', '现场确认房屋闲置，无警示标识。'],
      [18, 'township', 'answer', '已对该闲置危房封存并张贴警示标识，村里安排专人定期查看。'],
      [20, 'township', 'close'],
    ],
  },
  {
    daysAgo: 7,
    channel: 'public_form',
    subject: 'other',
    township: 'other',
    content: '村里几户人家的房子旁边山坡有裂缝，下雨可能滑坡，希望能来看看。',
    steps: [
      [1, 'county', 'assign'],
      [2, 'staff', 'investigate', '已联系自然资源部门共同踏勘。'],
    ],
  },
];

/** China-time 10:00 on `day`, as the instant stored. */
const at = (day: string) => `${day}T02:00:00.000Z`;

export function seedDemoComplaints(db: Db, now = new Date()): void {
  if ((db.prepare('SELECT count(*) AS n FROM complaints').get() as { n: number }).n > 0) return;
  const userId = (username: Who) => (db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: number } | undefined)?.id;
  const [county, staff, township] = [userId('county'), userId('staff'), userId('township')];
  if (!county || !staff || !township) return; // the demo accounts come first
  const who: Record<Who, number> = { county, staff, township };
  const townships = db.prepare("SELECT code FROM regions WHERE level = 'township' ORDER BY code LIMIT 2").all() as { code: string }[];
  const demoTownship = (db.prepare('SELECT region_code AS code FROM users WHERE username = ?').get('township') as { code: string }).code;
  const otherTownship = townships.find((t) => t.code !== demoTownship)?.code ?? demoTownship;
  const villages = db.prepare("SELECT code FROM regions WHERE level = 'village' AND parent_code = ? ORDER BY code").all(demoTownship) as { code: string }[];
  // The demo township's most fragile houses, for the complaints that name one.
  const houses = db
    .prepare(
      `SELECT o.id, h.village_code AS villageCode FROM houses o JOIN households h ON h.id = o.household_id
        WHERE h.township_code = ? AND o.is_current = 1 ORDER BY o.grade = 'D' DESC, o.grade = 'C' DESC, o.id LIMIT 2`,
    )
    .all(demoTownship) as { id: number; villageCode: string }[];
  // Contact phones are sealed with the database's key; an in-memory database has no key file beside it.
  const cipher = db.name && db.name !== ':memory:' ? createPersonalDataCipher(loadDataKey(db.name)) : null;
  const rng = new Random('demo-complaints');
  const today = chinaDay(now);
  let houseIndex = 0;

  db.transaction(() => {
    for (const d of DEMOS) {
      const receivedOn = addDays(today, -d.daysAgo);
      const house = d.house ? houses[houseIndex++ % Math.max(1, houses.length)] : undefined;
      const villageCode = house?.villageCode ?? (d.village && villages.length ? villages[rng.int(0, villages.length - 1)]!.code : null);
      const id = insertComplaint(db, {
        receiptNo: newReceiptNo(receivedOn.slice(0, 4), (max) => rng.int(0, max - 1)),
        channel: d.channel,
        receivedOn,
        receivedAt: at(receivedOn),
        townshipCode: d.township === 'demo' ? demoTownship : d.township === 'other' ? otherTownship : null,
        villageCode: d.township === 'demo' ? villageCode : null,
        houseId: house?.id ?? null,
        place: d.place ?? null,
        subject: d.subject,
        content: d.content,
        contact: cipher && d.contact ? sealContact(cipher, ...d.contact) : NO_CONTACT,
        dueOn: addDays(receivedOn, DEFAULT_COMPLAINT_DAYS),
        createdBy: d.channel === 'public_form' ? null : who.township,
      });
      let status: ComplaintChange['from'] = 'received';
      for (const [after, by, action, text] of d.steps) {
        const day = addDays(receivedOn, after);
        const to = action === 'assign' ? 'assigned' : action === 'investigate' ? 'investigating' : action === 'answer' ? 'answered' : 'closed';
        const assignee = action === 'assign' ? (d.township === 'demo' && by === 'township' ? who.township : who.staff) : undefined;
        changeComplaint(db, id, {
          action,
          from: status,
          to,
          by: who[by],
          at: at(day),
          onDay: day,
          note: action === 'answer' ? null : (text ?? null),
          ...(assignee ? { assigneeId: assignee } : {}),
          ...(action === 'answer' && text ? { answer: text } : {}),
        });
        status = to;
      }
    }
  })();
}
