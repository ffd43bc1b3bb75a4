// Sandbox page: sends what you type through the real webhook and shows what "Zalo"
// received from the OA for the chosen persona, plus posts to group chats.
const $ = (id) => document.getElementById(id);
let personas = [];
let current = null;
let since = 0;
const seen = new Set();
const seenGroups = new Set();
const groupNames = new Map();

async function loadGroups() {
  const res = await fetch("/sandbox/api/groups");
  for (const g of (await res.json()).groups) groupNames.set(g.groupId, g.name);
}

async function loadJobs() {
  const res = await fetch("/sandbox/api/jobs");
  const { jobs } = await res.json();
  $("job").innerHTML = jobs
    .map((j) => `<option value="${escapeHtml(j.name)}">${escapeHtml(j.description)}</option>`)
    .join("");
  // The clock starts at the next 7:30 in Vietnam, when the morning digest goes out.
  const vn = new Date(Date.now() + 7 * 3_600_000);
  if (vn.getUTCHours() * 60 + vn.getUTCMinutes() >= 7 * 60 + 30) vn.setUTCDate(vn.getUTCDate() + 1);
  $("clock").value = `${vn.toISOString().slice(0, 10)}T07:30`;
}

async function runJob() {
  $("job-result").textContent = "Đang chạy…";
  const res = await fetch(`/sandbox/api/jobs/${encodeURIComponent($("job").value)}/run`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify($("clock").value ? { at: $("clock").value } : {}),
  });
  const data = await res.json();
  $("job-result").textContent = res.ok
    ? `Đã gửi ${data.sent} tin, bỏ qua ${data.skipped} (đã gửi trước đó hoặc cán bộ tắt nhắc), không gửi được ${data.undeliverable}. Chọn một cán bộ ở trên để xem tin của họ.`
    : `Lỗi: ${data.error ?? res.status}`;
  setTimeout(poll, 500);
}

async function loadPersonas() {
  const res = await fetch("/sandbox/api/personas");
  personas = (await res.json()).personas;
  $("persona").innerHTML = personas.map((p, i) => `<option value="${i}">${escapeHtml(p.label)}</option>`).join("");
  choose(0);
}

function choose(index) {
  current = personas[index];
  $("messages").innerHTML = "";
  seen.clear();
  since = 0;
  $("persona-hint").textContent =
    current.kind === "official" ? "Cán bộ đã liên kết tài khoản Zalo." : "Người dân chưa liên kết: hỏi về thủ tục, hồ sơ.";
  poll();
}

function addBubble(who, text, buttons = []) {
  const div = document.createElement("div");
  div.className = `bubble ${who}`;
  div.textContent = text;
  if (buttons.length) {
    const row = document.createElement("div");
    row.className = "buttons";
    for (const b of buttons) {
      const btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = b.title;
      btn.addEventListener("click", () => pressButton(b));
      row.append(btn);
    }
    div.append(row);
  }
  $("messages").append(div);
  $("messages").scrollTop = $("messages").scrollHeight;
}

function pressButton(button) {
  if (button.type === "oa.open.url") return window.open(button.payload.url, "_blank", "noopener");
  if (button.type === "oa.open.phone") return alert(`Gọi ${button.payload.phone_code}`);
  // oa.query.show posts its payload visibly as the user; oa.query.hide sends it silently.
  send(String(button.payload), button.type !== "oa.query.hide");
}

async function send(text, show = true) {
  if (show) addBubble("user", text);
  const res = await fetch("/sandbox/api/send", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ zaloUserId: current.zaloUserId, text }),
  });
  if (!res.ok) addBubble("bot", `(Lỗi gửi: ${res.status})`);
  setTimeout(poll, 300);
}

async function poll() {
  if (!current) return;
  const res = await fetch(`/sandbox/api/messages?zaloUserId=${encodeURIComponent(current.zaloUserId)}&since=${since}`);
  const data = await res.json();
  for (const m of data.direct) {
    if (seen.has(m.seq)) continue;
    seen.add(m.seq);
    addBubble("bot", m.text, m.buttons);
  }
  for (const g of data.groups) {
    if (seenGroups.has(g.seq)) continue;
    seenGroups.add(g.seq);
    const div = document.createElement("div");
    div.className = "group-post";
    const name = groupNames.get(g.recipient.id) ?? g.recipient.id;
    div.innerHTML = `<div class="meta">${escapeHtml(name)} · ${new Date(g.at).toLocaleString("vi-VN")}</div>`;
    div.append(document.createTextNode(g.text));
    $("groups").prepend(div);
  }
  since = Math.max(since, data.last);
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

$("persona").addEventListener("change", (e) => choose(Number(e.target.value)));
$("composer").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("text").value.trim();
  if (!text) return;
  $("text").value = "";
  send(text);
});
$("photo").addEventListener("click", async () => {
  addBubble("user", "[ảnh]");
  const res = await fetch("/sandbox/api/send", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ zaloUserId: current.zaloUserId, imageUrl: `https://sandbox.invalid/anh-${Date.now()}.jpg` }),
  });
  if (!res.ok) addBubble("bot", `(Lỗi gửi: ${res.status})`);
  setTimeout(poll, 300);
});
$("run-job").addEventListener("click", runJob);
setInterval(poll, 1000);
loadGroups().then(loadPersonas);
loadJobs();
