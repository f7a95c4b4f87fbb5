resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08" # expect: tf-weak-tls-policy
  certificate_arn   = aws_acm_certificate.portal.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 80
  default_action {
    type             = "forward" # expect: tf-weak-tls-policy
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_alb_listener" "hl7_tls" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 2575
  protocol          = "TLS"
  ssl_policy        = var.tls_policy # expect: tf-weak-tls-policy
  certificate_arn   = aws_acm_certificate.portal.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.hl7.arn
  }
}

variable "tls_policy" {
  type    = string
  default = "ELBSecurityPolicy-TLS-1-1-2017-01"
}

resource "aws_cloudfront_distribution" "portal" {
  enabled = true
  origin {
    domain_name = aws_lb.portal.dns_name
    origin_id   = "portal"
  }
  default_cache_behavior {
    target_origin_id       = "portal"
    viewer_protocol_policy = "allow-all" # expect: tf-weak-tls-policy
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.portal.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1_2016" # expect: tf-weak-tls-policy
  }
}

resource "aws_opensearch_domain" "notes_search" {
  domain_name = "clinic-notes"
  domain_endpoint_options {
    enforce_https       = false # expect: tf-weak-tls-policy
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07" # expect: tf-weak-tls-policy
  }
}

# Internal load balancer: still clear text inside the VPC (reported at medium).
resource "aws_lb" "internal_api" {
  name     = "clinic-internal-api"
  internal = true
  subnets  = var.private_subnets
}

resource "aws_lb_listener" "internal_http" {
  load_balancer_arn = aws_lb.internal_api.arn
  port              = 8080
  protocol          = "HTTP"
  default_action {
    type             = "forward" # expect: tf-weak-tls-policy
    target_group_arn = aws_lb_target_group.portal.arn
  }
}
