package vn.dvk.localstack.identity;

import java.util.List;

/** The dev identity provider's pages, in Vietnamese, with every value HTML-escaped. */
final class LoginPage {

    private LoginPage() {
    }

    static String form(String loginId, String error, List<Realm.User> demoUsers) {
        StringBuilder users = new StringBuilder();
        for (Realm.User user : demoUsers) {
            users.append("<li><code>").append(escape(user.username())).append("</code> — ")
                    .append(escape(user.name())).append(", ").append(escape(String.join(", ", user.roles())))
                    .append(", đơn vị ").append(escape(user.unit())).append("</li>");
        }
        return page("Đăng nhập", """
                <h1>Đăng nhập hệ thống Dân vận khéo</h1>
                %s
                <form method="post">
                  <input type="hidden" name="login" value="%s">
                  <label for="username">Tên đăng nhập</label>
                  <input id="username" name="username" autocomplete="username" required autofocus>
                  <label for="password">Mật khẩu</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <button type="submit">Đăng nhập</button>
                </form>
                <details><summary>Tài khoản thử nghiệm (mật khẩu: dvk-demo)</summary><ul>%s</ul></details>
                """.formatted(error == null ? "" : "<p role=\"alert\" class=\"error\">" + escape(error) + "</p>",
                escape(loginId), users));
    }

    static String error(String message) {
        return page("Lỗi đăng nhập", "<h1>Không thể đăng nhập</h1><p role=\"alert\">" + escape(message) + "</p>");
    }

    static String signedOut() {
        return page("Đã đăng xuất", "<h1>Bạn đã đăng xuất</h1>");
    }

    private static String page(String title, String body) {
        return """
                <!doctype html><html lang="vi"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><title>%s — DVK (máy phát triển)</title>
                <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
                label,input,button{display:block;width:100%%;margin:.3rem 0}input,button{padding:.5rem;font-size:1rem}
                .error{color:#a00}</style></head><body>%s</body></html>
                """.formatted(escape(title), body);
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
