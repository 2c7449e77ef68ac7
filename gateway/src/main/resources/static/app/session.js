// Shows who is signed in (from the gateway's /session) and offers sign-out. The session cookie is HttpOnly; the
// CSRF token for changes comes from the XSRF-TOKEN cookie and goes back in the X-XSRF-TOKEN header.
(function () {
  'use strict';
  const ROLE_NAMES = {
    ADMIN: 'Quản trị', COORDINATOR: 'Điều phối', REVIEWER: 'Thẩm định', UNIT_OFFICER: 'Cán bộ đơn vị', VIEWER: 'Theo dõi'
  };

  function csrfToken() {
    const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function signOutForm() {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/logout';
    const token = document.createElement('input');
    token.type = 'hidden';
    token.name = '_csrf';
    token.value = csrfToken();
    const button = document.createElement('button');
    button.type = 'submit';
    button.textContent = 'Đăng xuất';
    form.append(token, button);
    return form;
  }

  if (new URLSearchParams(location.search).get('signin') === 'failed') {
    document.getElementById('signin-failed').hidden = false;
  }
  fetch('/session', { headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .then((session) => {
      if (!session) {
        return;
      }
      const roles = session.roles.map((r) => ROLE_NAMES[r] || r).join(', ');
      document.getElementById('greeting').textContent =
        'Xin chào ' + (session.name || session.username) + ' (' + roles + ', đơn vị ' + session.unitCode + ').';
      const account = document.getElementById('account');
      account.replaceChildren(signOutForm());
    })
    .catch(() => { /* stays on the signed-out view */ });
}());
