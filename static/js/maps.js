/* Maps of the Sozialraum-Portal (Leaflet, served locally).
 *
 * Every element with [data-map] names a <script type="application/json"> block
 * (data-geojson) holding a GeoJSON FeatureCollection. Feature properties:
 * name (popup title), url (link), text (one line under the title).
 * The tile server comes from data-tiles-url; when it is empty the map has no
 * background, but boundaries, markers and popups still work. With data-tiles-ask
 * (a third-party server) the tiles wait for a click on "Karte laden" in the element
 * that attribute names.
 * Names and texts of the features are the portal's content, which is German: on a page in
 * another language, popups and marker names carry lang="de" (WCAG 3.1.2).
 */
(function () {
  "use strict";

  var CONTENT_LANG = "de";

  function markContentLanguage(element) {
    if ((document.documentElement.lang || CONTENT_LANG).split("-")[0] !== CONTENT_LANG) {
      element.setAttribute("lang", CONTENT_LANG);
    }
  }

  function popupContent(props) {
    var box = document.createElement("div");
    markContentLanguage(box);
    var title;
    if (props.url) {
      title = document.createElement("a");
      title.href = props.url;
    } else {
      title = document.createElement("strong");
    }
    title.textContent = props.name || "";
    box.appendChild(title);
    if (props.text) {
      var line = document.createElement("p");
      line.textContent = props.text;
      box.appendChild(line);
    }
    return box;
  }

  function addTiles(el, map, tiles) {
    L.tileLayer(tiles, {
      attribution: el.getAttribute("data-tiles-attribution") || "",
      maxZoom: 19
    }).addTo(map);
  }

  // Third-party tiles: nothing is requested from the tile server until the visitor
  // clicks "Karte laden" (the server would learn their address).
  function askForTiles(el, map, tiles, box) {
    if (!box) {
      return;
    }
    var button = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    box.hidden = false;
    button.addEventListener("click", function () {
      addTiles(el, map, tiles);
      el.classList.add("map-tiles-loaded");
      button.remove();
      status.textContent = box.getAttribute("data-loaded-text") || "";
      el.focus();
    });
  }

  function initMap(el) {
    var source = document.getElementById(el.getAttribute("data-geojson"));
    if (!source || typeof L === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var map = L.map(el, {
      scrollWheelZoom: false,
      fadeAnimation: !still,
      zoomAnimation: !still,
      markerZoomAnimation: !still
    });
    var tiles = el.getAttribute("data-tiles-url");
    var ask = el.getAttribute("data-tiles-ask");
    if (tiles && ask) {
      askForTiles(el, map, tiles, document.getElementById(ask));
    } else if (tiles) {
      addTiles(el, map, tiles);
    }
    var layer = L.geoJSON(data, {
      style: function () {
        return { color: "#1d4f91", weight: 3, fillColor: "#1d4f91", fillOpacity: 0.12 };
      },
      pointToLayer: function (feature, latlng) {
        var name = (feature.properties && feature.properties.name) || "";
        var marker = L.marker(latlng, { title: name, alt: name });
        // The marker is a button (role="button"): its name must come from aria-label,
        // which screen readers and HTML_CodeSniffer read (alt alone is not enough).
        marker.on("add", function () {
          var icon = marker.getElement();
          if (icon && name) {
            icon.setAttribute("aria-label", name);
            markContentLanguage(icon);
          }
        });
        return marker;
      },
      onEachFeature: function (feature, featureLayer) {
        if (feature.properties && feature.properties.name) {
          featureLayer.bindPopup(popupContent(feature.properties));
        }
      }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    } else {
      var lat = parseFloat(el.getAttribute("data-center-lat")) || 51.3745;
      var lng = parseFloat(el.getAttribute("data-center-lng")) || 7.696;
      map.setView([lat, lng], parseInt(el.getAttribute("data-zoom"), 10) || 14);
    }
    el.classList.add("map-ready");
  }

  document.querySelectorAll("[data-map]").forEach(initMap);
})();
