/*
  The audiences plugin's script, on every page and on the chooser. Everything here improves
  links that already work without it:

  - A switcher link takes the reader to the section they are reading (reached by a link or by
    scrolling, even if they then scrolled back up to the banner to switch). Where the other
    version has no such section, it arrives at the nearest one before it and says so.
  - The header menu closes on Escape and on a click elsewhere.
  - The audience the reader last read is remembered in this browser only (localStorage, never
    sent anywhere), so the chooser can offer to continue as that audience.
*/
(function () {
  "use strict"

  // Every audience's site sits one folder below the root, and this script in each one's
  // assets/javascripts/: keys under the root's path are shared by all of them and the chooser,
  // as Material's own preferences are (extra.scope).
  var script = document.currentScript
  var root = new URL("../../..", script ? script.src : location.href).pathname
  var AUDIENCE = root + ".__audience"
  var SWITCH = root + ".__audience_switch"

  function read(storage, key) {
    try { return JSON.parse(storage.getItem(key)) } catch (error) { return null }
  }

  function write(storage, key, value) {
    try { storage.setItem(key, JSON.stringify(value)) } catch (error) { /* storage refused */ }
  }

  function content() {
    return document.querySelector(
      ".md-content__inner, [itemprop=articleBody], [role=main], main, article") || document.body
  }

  function headings() {
    return Array.prototype.slice.call(content().querySelectorAll(
      "h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]"))
  }

  // The bottom of a header that stays on screen (Material's, the mkdocs theme's navbar).
  function headerBottom() {
    var header = document.querySelector("[data-md-component=header], .navbar.fixed-top")
    return header ? Math.max(header.getBoundingClientRect().bottom, 0) : 0
  }

  function title(heading) {
    var copy = heading.cloneNode(true)
    copy.querySelectorAll(".headerlink, .md-audiences-note").forEach(function (node) {
      node.remove()
    })
    return copy.textContent.replace(/\s+/g, " ").trim()
  }

  // The section the reader is at: the heading a link brought into view, else the last heading
  // scrolled past the top quarter of the window (or, once the page can scroll no further and
  // that heading is well out of sight, the middle: the last sections never reach the top).
  // None at the very top of the page.
  function sectionInView() {
    var all = headings()
    var top = headerBottom()
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))
    if (target && all.indexOf(target) >= 0) {
      var at = target.getBoundingClientRect().top
      if (at >= top - 4 && at < window.innerHeight) return target
    }
    if (window.scrollY < 1) return null
    function lastAbove(part) {
      var line = top + (window.innerHeight - top) * part
      var found = null
      all.forEach(function (heading) {
        if (heading.getBoundingClientRect().top <= line) found = heading
      })
      return found
    }
    var current = lastAbove(1 / 4)
    var end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2
    var quarter = (window.innerHeight - top) / 4
    if (end && (!current || current.getBoundingClientRect().top < top - quarter)) {
      current = lastAbove(1 / 2)
    }
    return current
  }

  function inView(element) {
    if (!element) return false
    var box = element.getBoundingClientRect()
    return box.bottom > headerBottom() && box.top < window.innerHeight
  }

  // The section the reader was reading before they came back up to the banner to switch: kept
  // as they scroll while the banner is out of sight (and, on arrival, the section linked to).
  var banner = null
  var reading = null
  var pending = false
  window.addEventListener("scroll", function () {
    if (pending) return
    pending = true
    requestAnimationFrame(function () {
      pending = false
      if (!inView(banner)) reading = sectionInView()
    })
  }, {passive: true})

  function sectionToKeep() {
    return inView(banner) ? reading : sectionInView()
  }

  function currentAudience() {
    var link = document.querySelector("a[data-md-audience][aria-current=page]")
    return link ? {id: link.getAttribute("data-md-audience"), name: link.textContent.trim()} : null
  }

  // Switching: the link carries the section; the arriving page learns what came before it.
  function onSwitch(event) {
    var link = event.currentTarget
    var section = sectionToKeep()
    var audience = currentAudience()
    link.hash = section ? section.id : ""
    if (!section || !audience) return
    var all = headings()
    write(sessionStorage, SWITCH, {
      path: link.pathname,
      section: section.id,
      title: title(section),
      before: all.slice(0, all.indexOf(section)).reverse().map(function (h) { return h.id }),
      from: audience.name
    })
  }

  // Arriving from a switch to a section this version does not have.
  function arrive() {
    var record = read(sessionStorage, SWITCH)
    if (!record) return
    try { sessionStorage.removeItem(SWITCH) } catch (error) { /* storage refused */ }
    if (record.path !== location.pathname || location.hash !== "#" + record.section) return
    if (document.getElementById(record.section)) return
    var target = null
    for (var i = 0; i < record.before.length && !target; i++) {
      target = document.getElementById(record.before[i])
    }
    var note = document.createElement("p")
    note.className = "md-audiences-note"
    note.setAttribute("role", "status")
    note.tabIndex = -1
    // After the heading it arrives at, so that both are in view however the theme scrolls
    if (target) {
      target.parentNode.insertBefore(note, target.nextSibling)
      history.replaceState(history.state, "", "#" + target.id)
    } else {
      var banner = document.querySelector("[data-md-audiences-banner]")
      var box = content()
      box.insertBefore(note, banner && banner.parentNode === box ? banner.nextSibling : box.firstChild)
      history.replaceState(history.state, "", location.pathname + location.search)
    }
    // Not "only in": other versions than the previous one may have the section too
    note.textContent = "The section \u201c" + record.title + "\u201d is in the version for " +
      record.from + " but not in this one." + (target ? " This is the section before it." : "")
    note.focus({preventScroll: true})
    if (target) {
      target.scrollIntoView({block: "start"})
      var gap = target.getBoundingClientRect().top - headerBottom()
      if (gap < 8) window.scrollBy(0, gap - 8)
    } else {
      window.scrollTo(0, 0)
    }
  }

  // The header menu: Escape closes it and gives the focus back; a click elsewhere closes it.
  document.addEventListener("keydown", function (event) {
    var details = event.key === "Escape" && event.target.closest &&
      event.target.closest(".md-audiences-menu__details[open]")
    if (details) {
      details.open = false
      details.querySelector("summary").focus()
    }
  })
  document.addEventListener("click", function (event) {
    document.querySelectorAll(".md-audiences-menu__details[open]").forEach(function (details) {
      if (!details.contains(event.target)) details.open = false
    })
  })

  // The chooser: offer the audience this reader read last, if it is one of the choices.
  function offerToContinue(audience) {
    var offer = document.querySelector("[data-md-audiences-continue]")
    if (!offer || !audience) return
    var choice = document.querySelector("a[data-md-audiences-choice='" + audience.id + "']")
    if (!choice) return
    offer.querySelector("[data-md-audiences-continue-link]").href = choice.href
    offer.querySelector("[data-md-audiences-continue-name]").textContent = audience.name
    offer.hidden = false
  }

  // Each page: once, or on every page Material's instant navigation loads (document$).
  function setUp() {
    banner = document.querySelector("[data-md-audiences-banner]")
    var linked = location.hash &&
      document.getElementById(decodeURIComponent(location.hash.slice(1)))
    reading = linked && headings().indexOf(linked) >= 0 ? linked : null
    document.querySelectorAll("a[data-md-audience]").forEach(function (link) {
      link.addEventListener("click", onSwitch)
    })
    var audience = currentAudience()
    if (audience) write(localStorage, AUDIENCE, audience)
    offerToContinue(read(localStorage, AUDIENCE))
    arrive()
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp)
  } else {
    setUp()
  }
})()
