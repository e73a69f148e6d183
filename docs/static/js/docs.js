// The chapter sidebar starts folded on narrow screens, where it sits above the text (as the
// theme's site.js does for the page's table of contents); without JavaScript it stays open.
(function () {
  var sidebar = document.querySelector(".chapter-sidebar details");
  if (sidebar && window.matchMedia && window.matchMedia("(max-width: 63.99em)").matches) {
    sidebar.open = false;
  }
})();
