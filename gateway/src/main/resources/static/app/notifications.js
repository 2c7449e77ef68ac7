// The signed-in person's inbox (their own messages, newest first, a page at a time; unread count in the header; mark
// one or all read) and how they like to be notified (PUT /recipients/me), over notification-service's API.
(function () {
  'use strict';
  const API = '/api/notification';
  const PAGE_SIZE = 10;
  /** How often the unread count is asked again while the page is open. */
  const REFRESH_MS = 30000;
  const DATE = new Intl.DateTimeFormat('vi-VN', {
    dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh'
  });
  const $ = (id) => document.getElementById(id);

  const inbox = { page: 0, onlyUnread: false, unread: null };

  function say(element, text) {
    element.textContent = text;
  }

  async function refreshCount() {
    const { unread } = await DVK.api('GET', API + '/inbox/mine/unread-count');
    const badge = $('unread-badge');
    badge.textContent = unread;
    badge.hidden = unread === 0;
    $('inbox-link').setAttribute('aria-label', unread === 0 ? 'Hộp thư, không có thông báo chưa đọc'
      : 'Hộp thư, ' + unread + ' thông báo chưa đọc');
    const changed = inbox.unread !== null && inbox.unread !== unread;
    inbox.unread = unread;
    return changed;
  }

  function messageItem(item) {
    const li = document.createElement('li');
    li.className = item.read ? 'message' : 'message unread';
    li.dataset.id = item.id;
    const title = document.createElement('h3');
    title.textContent = item.subject;
    const meta = document.createElement('p');
    meta.className = 'meta';
    const time = document.createElement('time');
    time.dateTime = item.createdAt;
    time.textContent = DATE.format(new Date(item.createdAt));
    meta.append(time, item.read ? ' · Đã đọc' : ' · Chưa đọc');
    const body = document.createElement('p');
    body.className = 'body';
    body.textContent = item.body;
    li.append(title, meta, body);
    if (!item.read) {
      const mark = document.createElement('button');
      mark.type = 'button';
      mark.className = 'mark-read';
      mark.textContent = 'Đánh dấu đã đọc';
      mark.setAttribute('aria-label', 'Đánh dấu đã đọc: ' + item.subject);
      mark.addEventListener('click', () => markRead(item));
      li.append(mark);
    }
    return li;
  }

  async function loadInbox() {
    const status = $('inbox-status');
    const query = '?page=' + inbox.page + '&size=' + PAGE_SIZE + (inbox.onlyUnread ? '&unread=true' : '');
    let page;
    try {
      page = await DVK.api('GET', API + '/inbox/mine' + query);
    } catch (e) {
      say(status, 'Không tải được hộp thư: ' + e.message);
      return;
    }
    if (page.content.length === 0 && inbox.page > 0) {
      // The last item of the last page was just marked read under "unread only": show the page before.
      inbox.page = Math.max(0, page.totalPages - 1);
      loadInbox();
      return;
    }
    $('inbox-list').replaceChildren(...page.content.map(messageItem));
    say(status, page.totalElements === 0
      ? (inbox.onlyUnread ? 'Không có thông báo chưa đọc.' : 'Chưa có thông báo nào. Nhắc hạn và tin về mô hình '
        + 'của đơn vị sẽ hiện ở đây.')
      : page.totalElements + (inbox.onlyUnread ? ' thông báo chưa đọc.' : ' thông báo.'));
    $('inbox-pager').hidden = page.totalPages <= 1;
    say($('page-info'), 'Trang ' + (page.number + 1) + '/' + Math.max(1, page.totalPages));
    $('page-prev').disabled = page.number === 0;
    $('page-next').disabled = page.number + 1 >= page.totalPages;
  }

  async function markRead(item) {
    try {
      await DVK.api('POST', API + '/inbox/' + encodeURIComponent(item.id) + '/read');
    } catch (e) {
      say($('inbox-status'), 'Chưa đánh dấu được: ' + e.message);
      return;
    }
    await refreshCount();
    await loadInbox();
    $('inbox-title').focus();
  }

  async function markAllRead() {
    let marked;
    try {
      ({ marked } = await DVK.api('POST', API + '/inbox/mine/read-all'));
    } catch (e) {
      say($('inbox-status'), 'Chưa đánh dấu được: ' + e.message);
      return;
    }
    await refreshCount();
    await loadInbox();
    say($('inbox-status'), marked === 0 ? 'Không còn thông báo chưa đọc.'
      : 'Đã đánh dấu ' + marked + ' thông báo là đã đọc.');
  }

  // ---- Preferences -------------------------------------------------------------------------------------------

  const form = () => $('preferences-form');
  const FIELD_ERRORS = { email: 'pref-email', phone: 'pref-phone', channels: 'pref-channels' };

  function hhmm(time) {
    return time ? time.substring(0, 5) : '';
  }

  /** Puts the saved preferences in the form; for someone not yet in the directory, their name from sign-in. */
  function fill(me, session) {
    $('pref-name').value = (me.id == null && session && session.name) || me.name || '';
    $('pref-email').value = me.email || '';
    $('pref-phone').value = me.phone || '';
    for (const box of form().querySelectorAll('input[name="channels"]')) {
      box.checked = (me.channels || []).includes(box.value);
    }
    $('pref-language').value = me.language || 'vi';
    $('pref-quiet-from').value = hhmm(me.quietHours && me.quietHours.from);
    $('pref-quiet-to').value = hhmm(me.quietHours && me.quietHours.to);
    $('pref-digest').checked = !!me.digest;
  }

  function clearErrors() {
    $('preferences-error').hidden = true;
    for (const id of Object.values(FIELD_ERRORS)) {
      $(id + '-error').textContent = '';
      const input = $(id);
      if (input) {
        input.removeAttribute('aria-invalid');
      }
    }
  }

  function showErrors(error) {
    const shown = $('preferences-error');
    shown.textContent = error.problem.title ? error.problem.title + ': ' + error.message : error.message;
    shown.hidden = false;
    for (const field of error.problem.errors || []) {
      const id = FIELD_ERRORS[field.field.split('.')[0]];
      if (id) {
        $(id + '-error').textContent = field.message;
        const input = $(id);
        if (input) {
          input.setAttribute('aria-invalid', 'true');
        }
      }
    }
  }

  async function save(event) {
    event.preventDefault();
    clearErrors();
    const status = $('preferences-status');
    say(status, '');
    const from = $('pref-quiet-from').value;
    const to = $('pref-quiet-to').value;
    const preferences = {
      name: $('pref-name').value.trim() || null,
      email: $('pref-email').value.trim() || null,
      phone: $('pref-phone').value.replace(/[\s.]/g, '') || null,
      channels: [...form().querySelectorAll('input[name="channels"]:checked')].map((box) => box.value),
      language: $('pref-language').value,
      quietHours: from && to ? { from, to } : null,
      digest: $('pref-digest').checked
    };
    try {
      fill(await DVK.api('PUT', API + '/recipients/me', preferences));
      say(status, 'Đã lưu.');
    } catch (e) {
      showErrors(e);
    }
  }

  DVK.session.then(async (session) => {
    if (!session) {
      return;
    }
    for (const id of ['inbox', 'preferences', 'inbox-link']) {
      $(id).hidden = false;
    }
    $('inbox-title').tabIndex = -1;
    $('only-unread').addEventListener('change', (e) => {
      inbox.onlyUnread = e.target.checked;
      inbox.page = 0;
      loadInbox();
    });
    $('read-all').addEventListener('click', markAllRead);
    $('page-prev').addEventListener('click', () => { inbox.page -= 1; loadInbox(); });
    $('page-next').addEventListener('click', () => { inbox.page += 1; loadInbox(); });
    form().addEventListener('submit', save);
    try {
      fill(await DVK.api('GET', API + '/recipients/me'), session);
    } catch (e) {
      showErrors(e);
    }
    await refreshCount().catch(() => false);
    await loadInbox();
    setInterval(() => refreshCount().then((changed) => changed && loadInbox()).catch(() => { }), REFRESH_MS);
  });
}());
