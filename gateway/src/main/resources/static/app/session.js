// Shows who is signed in (from the gateway's /session) and offers sign-out; gives the page's other scripts the session
// and a way to call the API. The session cookie is HttpOnly; the CSRF token for changes comes from the XSRF-TOKEN
// cookie and goes back in the X-XSRF-TOKEN header.
(function () {
  'use strict';
  const ROLE_NAMES = {
    ADMIN: 'Quản trị', COORDINATOR: 'Điều phối', REVIEWER: 'Thẩm định', UNIT_OFFICER: 'Cán bộ đơn vị', VIEWER: 'Theo dõi'
  };

  function csrfToken() {
    const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /** An error of the API, with the problem's Vietnamese title and detail and its field errors. */
  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || 'Không thực hiện được (mã ' + status + ').');
      this.status = status;
      this.problem = problem || {};
    }
  }

  /** Calls the API through the gateway (the session's token is relayed); resolves to the JSON body, or null. */
  async function api(method, path, body) {
    const headers = { Accept: 'application/json, application/problem+json', 'Accept-Language': 'vi' };
    if (method !== 'GET') {
      headers['X-XSRF-TOKEN'] = csrfToken();
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body)
    });
    const type = response.headers.get('Content-Type') || '';
    const json = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
      throw new ApiError(response.status, json);
    }
    return json;
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
  const session = fetch('/session', { headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null);
  window.DVK = { session, api, ApiError };

  session.then((signedIn) => {
    if (!signedIn) {
      return;
    }
    const roles = signedIn.roles.map((r) => ROLE_NAMES[r] || r).join(', ');
    document.getElementById('greeting').textContent =
      'Xin chào ' + (signedIn.name || signedIn.username) + ' (' + roles + ', đơn vị ' + signedIn.unitCode + ').';
    document.getElementById('sign-in').replaceWith(signOutForm());
  });
}());
